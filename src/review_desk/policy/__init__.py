"""Findings → proposed disclosure attribute with grounds, legal basis, reasons and conflicts."""

from review_desk.policy.engine import PolicyEngine, default_policy
from review_desk.policy.rules import PolicyRules, load_policy_rules

__all__ = ["PolicyEngine", "PolicyRules", "default_policy", "load_policy_rules"]
