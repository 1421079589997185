"""Storage: the SQLCipher connection, migrations, the lock, private files, process hardening."""
