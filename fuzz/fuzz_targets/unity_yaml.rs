#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| unity_mcp_fuzz::unity_yaml(data));
