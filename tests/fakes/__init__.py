"""Fakes of the outside world: WeChat's API servers, the SMS phone network, ID numbers."""
