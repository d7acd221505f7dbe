"""review_desk: pre-release review of Chinese government information (政府信息公开)."""

__version__ = "0.1.0"
