//! Images and report PDFs: validation, metadata and responsive variants (see the media issue).
