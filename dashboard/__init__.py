"""清廉看板 Qinglian Dashboard: sourced clean-government statistics, explorable in a browser."""
