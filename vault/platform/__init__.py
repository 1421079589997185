"""What differs between Linux, macOS and Windows, one small module per concern.

Each module picks its implementation at run time by what can be imported or
called here (fcntl, resource, ctypes.windll, os.O_DIRECTORY), not by the name of
the system alone, so an unusual Python falls back to what it has instead of
failing at import. Nothing here imports fcntl, resource or termios at the top.
"""
