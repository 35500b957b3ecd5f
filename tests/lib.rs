//! Holds no code: the tests are in `testsuite/`, one integration-test binary.
