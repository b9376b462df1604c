//! CreateScript templates.
