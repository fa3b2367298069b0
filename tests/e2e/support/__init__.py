"""Helpers of the end-to-end tests: real Kamailio, real baresip, the real telpanel binaries."""
