from tests.access import Route, public, signed_in

ROUTES = [
    Route("home", signed_in(200)),
    Route("health", public(200)),
    # Metrics answer only with the token or from an allowed network (bscp_portal/tests/test_metrics.py).
    Route("metrics", public(404)),
    Route("login", public(200)),
    # Sign-out is a POST form; a GET is refused by Django's LogoutView.
    Route("logout", public(405, anon=302)),
    # With no confirmed device yet, the code page sends people to set one up.
    Route("two_factor_verify", signed_in(302)),
    Route("two_factor_setup", signed_in(200)),
    # With no authenticator yet, the backup-code page sends people to set one up.
    Route("two_factor_backup_codes", signed_in(302)),
    # Removing an authenticator is a POST form.
    Route("two_factor_remove_device", signed_in(405), kwargs=lambda w: {"pk": 1}),
    # Everyone keeps their own details; a bad or spent invitation link is refused (400) to anyone.
    Route("my_account", signed_in(200)),
    Route("invitation_accept", public(400), kwargs=lambda w: {"token": "not-a-real-link"}),
    Route("password_change", signed_in(200)),
    Route("password_change_done", signed_in(200)),
    Route("password_reset", public(200)),
    Route("password_reset_done", public(200)),
    Route("password_reset_confirm", public(200), kwargs=lambda w: {"uidb64": "MQ", "token": "bad-token"}),
    Route("password_reset_complete", public(200)),
]
