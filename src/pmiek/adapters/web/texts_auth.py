"""Texts of logging in and out, OpenID Connect, CSRF refusals and account management (see
:mod:`texts`)."""

TEXTS: dict[str, dict[str, str]] = {
    # logging in
    "login.title": {"nl": "Inloggen", "en": "Log in"},
    "login.intro": {"nl": "Log in met het account dat de beheerder u gaf.",
                    "en": "Log in with the account the administrator gave you."},
    "login.name": {"nl": "Accountnaam", "en": "Account name"},
    "login.password": {"nl": "Wachtwoord", "en": "Password"},
    "login.submit": {"nl": "Inloggen", "en": "Log in"},
    "login.failed": {"nl": "Die combinatie van accountnaam en wachtwoord kennen we niet, of "
                           "het account is uitgeschakeld.",
                     "en": "We do not know that combination of account name and password, "
                           "or the account is disabled."},
    "login.too_many": {"nl": "Te veel mislukte pogingen voor dit account vanaf uw adres. "
                             "Probeer het over ongeveer {minutes} min. opnieuw.",
                       "en": "Too many failed attempts for this account from your address. "
                             "Try again in about {minutes} min."},
    "login.already": {"nl": "U bent al ingelogd als {name}. Inloggen met een ander account "
                            "beëindigt deze sessie.",
                      "en": "You are already logged in as {name}. Logging in with another "
                            "account ends this session."},
    "login.oidc": {"nl": "Inloggen via uw organisatie (OpenID Connect)",
                   "en": "Log in through your organisation (OpenID Connect)"},
    "login.oidc_intro": {"nl": "Of gebruik het account van uw eigen organisatie:",
                         "en": "Or use the account of your own organisation:"},
    "login.oidc_refused": {"nl": "Inloggen via uw organisatie is mislukt: {reason}",
                           "en": "Logging in through your organisation failed: {reason}"},
    "login.oidc_no_role": {"nl": "Uw account bij uw organisatie heeft geen rol in pmiek (geen "
                                 "van uw groepen is aan een rol gekoppeld). Vraag de beheerder "
                                 "om toegang.",
                           "en": "Your account at your organisation has no role in pmiek (none "
                                 "of your groups is mapped to a role). Ask the administrator "
                                 "for access."},
    "login.oidc_account": {"nl": "Uw account kan niet worden gebruikt: {reason}",
                           "en": "Your account cannot be used: {reason}"},
    "oidc.expired": {"nl": "de aanmelding is verlopen of al gebruikt; begin opnieuw.",
                     "en": "the sign-in has expired or was used already; start again."},
    "oidc.state": {"nl": "het antwoord hoort niet bij deze aanmelding (state).",
                   "en": "the answer does not belong to this sign-in (state)."},
    "oidc.error": {"nl": "de identiteitsprovider meldt '{error}'.",
                   "en": "the identity provider reports '{error}'."},
    "oidc.token": {"nl": "het ID-token is ongeldig ({detail}).",
                   "en": "the ID token is invalid ({detail})."},
    "oidc.unreachable": {"nl": "de identiteitsprovider is niet bereikbaar of antwoordt "
                               "onverwacht ({detail}).",
                         "en": "the identity provider cannot be reached or answers "
                               "unexpectedly ({detail})."},
    "oidc.roles_heading": {"nl": "Geen rol", "en": "No role"},
    # CSRF
    "csrf.refused": {"nl": "Dit verzoek is geweigerd: het kwam niet van een formulier van deze "
                           "site, of de pagina was verlopen. Laad de pagina opnieuw en "
                           "probeer het nog eens.",
                     "en": "This request was refused: it did not come from a form of this "
                           "site, or the page had expired. Reload the page and try again."},
    "csrf.too_large": {"nl": "Dit verzoek is te groot om aan te nemen.",
                       "en": "This request is too large to accept."},
    # account management
    "accounts.title": {"nl": "Accounts", "en": "Accounts"},
    "accounts.caption": {"nl": "Alle accounts", "en": "All accounts"},
    "accounts.name": {"nl": "Naam", "en": "Name"},
    "accounts.role": {"nl": "Rol", "en": "Role"},
    "accounts.organisation": {"nl": "Organisatie", "en": "Organisation"},
    "accounts.organisation_help": {
        "nl": "Voor een netbeheerder de naam zoals in assets.operator (bijv. Stedin); voor een "
              "gemeente of regio het gebieds-id (bijv. GM0344). Leeg voor andere rollen.",
        "en": "For a grid operator the name as in assets.operator (e.g. Stedin); for a "
              "municipality or region the area id (e.g. GM0344). Empty for other roles."},
    "accounts.status": {"nl": "Status", "en": "Status"},
    "accounts.login_kind": {"nl": "Aanmelding", "en": "Sign-in"},
    "accounts.created": {"nl": "Aangemaakt", "en": "Created"},
    "accounts.actions": {"nl": "Acties", "en": "Actions"},
    "accounts.active": {"nl": "actief", "en": "active"},
    "accounts.disabled": {"nl": "uitgeschakeld", "en": "disabled"},
    "accounts.local": {"nl": "wachtwoord", "en": "password"},
    "accounts.oidc": {"nl": "organisatie (OIDC)", "en": "organisation (OIDC)"},
    "accounts.none": {"nl": "geen", "en": "none"},
    "accounts.disable": {"nl": "Uitschakelen", "en": "Disable"},
    "accounts.enable": {"nl": "Inschakelen", "en": "Enable"},
    "accounts.disable_label": {"nl": "{name} uitschakelen", "en": "Disable {name}"},
    "accounts.enable_label": {"nl": "{name} inschakelen", "en": "Enable {name}"},
    "accounts.new_password": {"nl": "Nieuw wachtwoord voor {name}",
                              "en": "New password for {name}"},
    "accounts.reset": {"nl": "Wachtwoord instellen", "en": "Set password"},
    "accounts.create_heading": {"nl": "Nieuw account", "en": "New account"},
    "accounts.password": {"nl": "Eerste wachtwoord", "en": "Initial password"},
    "accounts.password_help": {"nl": "Minstens {minimum} tekens.",
                               "en": "At least {minimum} characters."},
    "accounts.create": {"nl": "Account aanmaken", "en": "Create account"},
    "accounts.errors": {"nl": "Dat lukte niet:", "en": "That did not work:"},
    "accounts.done.created": {"nl": "Het account is aangemaakt.",
                              "en": "The account has been created."},
    "accounts.done.disabled": {"nl": "Het account is uitgeschakeld; zijn sessies zijn beëindigd.",
                               "en": "The account has been disabled; its sessions have ended."},
    "accounts.done.enabled": {"nl": "Het account is weer ingeschakeld.",
                              "en": "The account has been enabled again."},
    "accounts.done.password": {"nl": "Het wachtwoord is ingesteld; de sessies van het account "
                                     "zijn beëindigd.",
                               "en": "The password has been set; the account's sessions have "
                                     "ended."},
    "accounts.error.short": {"nl": "Een wachtwoord heeft minstens {minimum} tekens.",
                             "en": "A password has at least {minimum} characters."},
    "accounts.error.long": {"nl": "Een wachtwoord heeft hoogstens {maximum} tekens.",
                            "en": "A password has at most {maximum} characters."},
    "accounts.error.role": {"nl": "Kies een van de rollen uit de lijst.",
                            "en": "Choose one of the roles in the list."},
    "accounts.error.organisation": {
        "nl": "Alleen een netbeheerder of gemeente hoort bij een organisatie; laat het veld "
              "leeg voor deze rol.",
        "en": "Only a grid operator or municipality belongs to an organisation; leave the "
              "field empty for this role."},
    "accounts.error.unknown": {"nl": "Dat account bestaat niet.",
                               "en": "That account does not exist."},
    "accounts.error.self": {"nl": "U kunt uw eigen account niet uitschakelen.",
                            "en": "You cannot disable your own account."},
}
