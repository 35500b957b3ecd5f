//! Publishing a built site to its host (see the publish issue).
