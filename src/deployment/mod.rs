//! Deployment placement by the default scheduler, for the comparison. Being written.
