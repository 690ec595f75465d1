"""Published measurements the runtime, power and energy models are held to."""
