"""The editor wing: the editor app's pages (publish from the review, correct, withdraw, roll back) and who may
use them. It sits above reading (it reuses the review form and the widgets); reading never imports it."""
