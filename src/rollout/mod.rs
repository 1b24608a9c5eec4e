//! Rollout simulator (RollingUpdate and OnDelete, tick by tick). Being written.
