"""gridwise: decides where and when ML jobs run, and explains why."""

__version__ = "0.1.0"
