import sys

from okrlint.cli import main

sys.exit(main())
