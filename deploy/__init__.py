"""Deployment recipes that run on loopback: see docs/deploy.md."""
