"""The central store's rules: directory, desks, floors, events, passes, invitations, keys, feed.

Below the API, the command line and the jobs; above the database. Nothing here knows HTTP
or argparse.
"""
