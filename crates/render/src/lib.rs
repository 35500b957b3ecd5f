//! Turns a site into the static website its visitors see (see the render issue).
