"""Work the store does on its own schedule: no-show release and closing time."""
