import os
import sys

try:
    from generator.cli import main
except KeyboardInterrupt:  # Ctrl-C while the command line is still being imported
    sys.stderr.write("interrupted before anything was done\n")
    sys.stderr.flush()
    os._exit(130)

if __name__ == "__main__":
    main()
