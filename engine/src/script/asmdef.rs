//! Assembly definitions.
