TEST_SUITES += tests/server/test_server.py
