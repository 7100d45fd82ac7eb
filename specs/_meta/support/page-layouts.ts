/**
 * The sign-in, two-factor, consent and out-of-band pages of the Mastodon-API servers, as they reach a browser: the
 * corpus on which the structural finders (the form with a password input, its account field, the consent page's
 * approve and deny controls) are proved. Each page is this suite's own minimal reconstruction, written from the
 * server's templates and handlers read at the commits in `sources`: the forms, their attributes, names, types and
 * values, the classes that matter, the button texts in the default language, and the noise a real page has around
 * the form (header links, logout forms, a second form, visually hidden inputs). The markup is ours; the structure and
 * the attribute names are the servers'. Where a server's stylesheet hides something, a `<style>` rule stands in for
 * it, so that a browser sees the same visibility.
 *
 * Placeholder values: see `PLACEHOLDER`. Attribute order and whitespace are not the servers'; nothing should depend on
 * them.
 */

export interface PageLayout {
  /** e.g. 'Mastodon 4.7', 'GoToSocial 0.19.2', 'Akkoma 3.15', 'Pixelfed 0.12 (Laravel Passport)'. */
  server: string;
  /** Upstream links to the templates read, each at a tag or commit. */
  sources: string[];
  /** The sign-in page, and the names of the fields a driver must fill. */
  signIn?: { html: string; account: string; password: string };
  /**
   * The two-factor page (and for Mastodon with a security key: the page shown first, and how to reach the code
   * form).
   */
  otp?: { html: string; field: string; note?: string };
  /**
   * The consent page: what approving and denying post (form fields with the submitter's name/value); deny null when
   * there is none.
   */
  consent?: { html: string; action: string; approve: Record<string, string>; deny: Record<string, string> | null };
  /** Signed out, sign-in and consent on one page (Pleroma/Akkoma): the fields to fill and what is posted. */
  combined?: { html: string; account: string; password: string; approve: Record<string, string> };
  /** The page that shows an out-of-band code, and the code in it. */
  oob?: { html: string; path: string; code: string };
  /** Where a signed-out authorize request goes and where sign-in returns; anything a driver must know. */
  notes: string;
}

export const PLACEHOLDER = {
  csrf: 'csrf-0123',
  clientId: 'client-abc',
  state: 'st4te',
  redirectUri: 'https://client.conformance.invalid/callback',
  code: 'c0de-xyz',
  host: 'server.conformance.invalid',
  appName: 'Conformance Suite',
  username: 'alice',
  email: 'alice@server.conformance.invalid',
  /** What a driver types; it appears in a page only where the server echoes it (Iceshrimp.NET's code step). */
  password: 'password-placeholder',
} as const;

const { csrf: CSRF, clientId: CLIENT, state: STATE, redirectUri: REDIRECT, code: CODE, host: HOST } = PLACEHOLDER;
const { appName: APP, username: USER, password: PASSWORD } = PLACEHOLDER;

/** The authorize request every page answers, as it stands in an attribute (`&amp;`) and as it is sent. */
const REDIRECT_Q = encodeURIComponent(REDIRECT);
const QUERY = `response_type=code&client_id=${CLIENT}&redirect_uri=${REDIRECT_Q}&scope=read&state=${STATE}`;
const AUTHORIZE = `/oauth/authorize?${QUERY}`;
const AUTHORIZE_ATTR = AUTHORIZE.replaceAll('&', '&amp;');

// ---------------------------------------------------------------------------------------------------------------------
// Mastodon: Rails, simple_form, Doorkeeper. Sign-in in layouts/auth, consent and code page in layouts/modal.

const MASTODON_SRC = 'https://github.com/mastodon/mastodon/blob/2f40549d41d77bd4941214e1915074d2e9113b80';
const MASTODON_42_SRC = 'https://github.com/mastodon/mastodon/blob/4fcc026f0f1b12a9de21a3af33375a9c8867dd55';

const mastodonHead = (title: string) => `<!DOCTYPE html>
<html lang="en" data-contrast="auto" data-color-scheme="auto">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<title>${title} - ${HOST}</title>
<meta name="csrf-param" content="authenticity_token">
<meta name="csrf-token" content="${CSRF}">
<style>.hidden { display: none; }</style>
</head>`;

const MASTODON_LOGO_RESOURCES = `<div class="logo-resources" tabindex="-1" inert aria-hidden="true">
<svg id="logo-symbol-icon"></svg><svg id="logo-symbol-wordmark"></svg>
</div>`;

/** layouts/auth inside an authorization flow: the logo is not a link and the footer links are left out. */
const mastodonAuthPage = (title: string, main: string) => `${mastodonHead(title)}
<body>
<div class="container-alt">
<header class="logo-container"><svg class="logo logo--wordmark"><use href="#logo-symbol-wordmark"></use></svg></header>
<main class="form-container">
${main}
</main>
</div>
${MASTODON_LOGO_RESOURCES}
</body>
</html>`;

/** layouts/modal, signed in: the account header with the logout link (rails-ujs turns it into a DELETE form). */
const mastodonModalPage = (title: string, body: string) => `${mastodonHead(title)}
<body class="modal-layout with-zig-zag-decoration compose-standalone">
<div class="account-header">
<div class="avatar"><img src="/avatars/original/missing.png"></div>
<div class="name">Signed in as: <span class="username">@${USER}@${HOST}</span></div>
<a class="logout-link icon-button" title="Logout" aria-label="Logout" rel="nofollow" data-method="delete"
 href="/auth/sign_out?continue=true"><svg class="icon material-logout" role="img"></svg></a>
</div>
<div class="container-alt">
${body}
</div>
<div class="modal-layout__mastodon"><div><img alt="" draggable="false" src="/packs/media/images/mascot.svg"></div></div>
${MASTODON_LOGO_RESOURCES}
</body>
</html>`;

const mastodonCsrf = `<input type="hidden" name="authenticity_token" value="${CSRF}" autocomplete="off">`;

/** A simple_form field in the `with_label` wrapper. */
const withLabel = (kind: string, id: string, label: string, input: string) =>
  `<div class="fields-group"><div class="input with_label ${kind} ${id}"><div class="label_input">
<label class="${kind}" for="${id}">${label}</label>
<div class="label_input__wrapper">${input}</div>
</div></div></div>`;

const mastodonSignInForm = (required: boolean) => {
  const req = required ? ' required="required" aria-required="true"' : '';
  const star = required ? ' <abbr title="required">*</abbr>' : '';
  const email =
    `<input aria-label="E-mail address" autofocus="autofocus" class="string email required"${req} type="email"` +
    ` value="" name="user[email]" id="user_email">`;
  const password =
    `<input aria-label="Password" autocomplete="current-password" class="password required"${req} type="password"` +
    ` name="user[password]" id="user_password">`;
  return `<form class="simple_form new_user" id="new_user" novalidate="novalidate" action="/auth/sign_in"
 accept-charset="UTF-8" method="post">
${mastodonCsrf}
<h1 class="title">Login to ${HOST}</h1>
<p class="lead">Login with your <strong>${HOST}</strong> credentials. If your account is hosted on a different server,
 you will not be able to log in here.</p>
${withLabel('email required', 'user_email', `E-mail address${star}`, email)}
${withLabel('password required', 'user_password', `Password${star}`, password)}
<div class="actions"><button name="button" type="submit" class="btn">Log in</button></div>
</form>`;
};

const MASTODON_OTP_INPUT =
  '<input aria-label="Two-factor code" autocomplete="one-time-code" autofocus="autofocus" class="string optional" ' +
  'type="text" name="user[otp_attempt]" id="user_otp_attempt">';

const MASTODON_LINK_TO_WEBAUTHN =
  '<div class="form-footer"><a id="link-to-webauthn" href="#">Use your security key device</a></div>';

/** auth/sessions/two_factor/_otp_authentication_form; `hidden` when the security-key form is shown first. */
const mastodonOtpForm = (
  hidden: boolean,
  withSecurityKey: boolean,
) => `<form class="simple_form${hidden ? ' hidden' : ''}"
 id="otp-authentication-form" novalidate="novalidate" action="/auth/sign_in" accept-charset="UTF-8" method="post">
${mastodonCsrf}
<p class="hint authentication-hint">Enter the two-factor code generated by your phone app or use one of your recovery
 codes:</p>
${withLabel('string optional', 'user_otp_attempt', 'Two-factor code', MASTODON_OTP_INPUT)}
<div class="actions"><button name="button" type="submit" class="btn">Log in</button></div>
${withSecurityKey ? MASTODON_LINK_TO_WEBAUTHN : ''}
</form>`;

const MASTODON_WEBAUTHN_FORM = `<p class="flash-message hidden" id="unsupported-browser-message">This browser doesn't
 support security keys</p>
<p class="flash-message alert hidden" id="security-key-error-message">Invalid security key</p>
<form class="simple_form" id="webauthn-form" novalidate="novalidate" action="/auth/sign_in" accept-charset="UTF-8"
 method="post">
${mastodonCsrf}
<h3 class="title">Use one of your security keys to sign in</h3>
<p class="hint">If it's an USB key be sure to insert it and, if necessary, tap it.</p>
<div class="actions"><button name="button" type="submit" class="btn js-webauthn">Use security key</button></div>
<div class="form-footer">
<p>Don't have your security key?</p>
<a id="link-to-otp" href="#">Enter a two-factor code from your phone or a recovery code</a>
</div>
</form>`;

/** The hidden fields both consent forms carry (new.html.haml), in their order; PKCE fields empty without PKCE. */
const MASTODON_CONSENT_FIELDS: Record<string, string> = {
  client_id: CLIENT,
  redirect_uri: REDIRECT,
  code_challenge: '',
  code_challenge_method: '',
  state: STATE,
  response_type: 'code',
  scope: 'read',
};

const railsHidden = (fields: Record<string, string>) =>
  Object.entries(fields)
    .map(([k, v]) => `<input ${v ? `value="${v}" ` : ''}autocomplete="off" type="hidden" name="${k}" id="${k}">`)
    .join('\n');

const MASTODON_PERMISSIONS = `<h3>Review permissions</h3>
<ul class="permissions-list">
<li class="permissions-list__item">
<div class="permissions-list__item__icon"><svg class="icon material-check" role="img"></svg></div>
<div class="permissions-list__item__text">
<div class="permissions-list__item__text__title">Full access to your Mastodon account</div>
<div class="permissions-list__item__text__type">Read-only access</div>
</div>
</li>
</ul>`;

const MASTODON_PROMPT = `<h3>Authorization required</h3>
<p><strong>${APP}</strong> would like permission to access your account. <strong>Only approve this request if you
 recognize and trust this source.</strong></p>`;

const MASTODON_CONSENT = mastodonModalPage(
  'Authorization required',
  `<div class="form-container simple_form">
<div class="oauth-prompt">
${MASTODON_PROMPT}
${MASTODON_PERMISSIONS}
<div class="actions">
<form action="/oauth/authorize" accept-charset="UTF-8" method="post">
${mastodonCsrf}
${railsHidden(MASTODON_CONSENT_FIELDS)}
<button name="button" type="submit" class="btn">Authorize</button>
</form>
<form action="/oauth/authorize" accept-charset="UTF-8" method="post">
<input type="hidden" name="_method" value="delete" autocomplete="off">
${mastodonCsrf}
${railsHidden(MASTODON_CONSENT_FIELDS)}
<button name="button" type="submit" class="btn negative">Deny</button>
</form>
</div>
</div>
</div>`,
);

const MASTODON_APPROVE = { authenticity_token: CSRF, ...MASTODON_CONSENT_FIELDS, button: '' };

const MASTODON_OOB = mastodonModalPage(
  'Authorization required',
  `<div class="form-container">
<div class="flash-message simple_form">
<p>Copy this authorization code and paste it to the application.</p>
<div class="input-copy">
<div class="input-copy__wrapper">
<input type="text" maxlength="999" spellcheck="false" readonly="readonly" value="${CODE}" class="oauth-code">
</div>
<button class="button" type="button">Copy</button>
</div>
</div>
</div>`,
);

const MASTODON_NOTES_COMMON =
  'Signed out, GET /oauth/authorize answers 302 to the absolute /auth/sign_in (Doorkeeper ' +
  'resource_owner_authenticator) after storing the full authorize URL in the session; POST /auth/sign_in ' +
  '(authenticity_token, user[email], user[password]) answers 302 back to that stored URL. With two-factor on, the ' +
  'same POST answers 200 with the two-factor page at /auth/sign_in, whose forms post to /auth/sign_in again with ' +
  'only authenticity_token and user[otp_attempt] (the session remembers the user); success answers 302 to the stored ' +
  'URL. A wrong password re-renders the sign-in page with 200 and a .flash-message.alert. The sign-in page honours ' +
  '?lang= and Accept-Language, but the redirect to it carries no lang, so its labels are in the instance default or ' +
  'the browser language: find fields by name. An account that is not functional is sent to /auth/setup, /auth/edit ' +
  'or the 2FA setup page instead of the consent page. The consent page is skipped (302 with a code) when an active ' +
  'token for the same app and scopes exists, unless force_login=true. Approve = the form without _method=delete; ' +
  'deny = the form with it; both buttons are name="button" with no value. For oob the approval answers 302 to ' +
  '/oauth/authorize/native?code=… and the code is the value of input.oauth-code.';

const MASTODON_47: PageLayout = {
  server: 'Mastodon 4.7',
  sources: [
    `${MASTODON_SRC}/app/views/auth/sessions/new.html.haml`,
    `${MASTODON_SRC}/app/views/auth/sessions/two_factor.html.haml`,
    `${MASTODON_SRC}/app/views/auth/sessions/two_factor/_otp_authentication_form.html.haml`,
    `${MASTODON_SRC}/app/views/auth/sessions/two_factor/_webauthn_form.html.haml`,
    `${MASTODON_SRC}/app/javascript/entrypoints/two_factor_authentication.ts`,
    `${MASTODON_SRC}/app/controllers/concerns/auth/two_factor_authentication_concern.rb`,
    `${MASTODON_SRC}/app/controllers/auth/sessions_controller.rb`,
    `${MASTODON_SRC}/app/views/oauth/authorizations/new.html.haml`,
    `${MASTODON_SRC}/app/views/oauth/authorizations/show.html.haml`,
    `${MASTODON_SRC}/app/controllers/oauth/authorizations_controller.rb`,
    `${MASTODON_SRC}/app/views/layouts/auth.html.haml`,
    `${MASTODON_SRC}/app/views/layouts/modal.html.haml`,
    `${MASTODON_SRC}/app/views/layouts/application.html.haml`,
    `${MASTODON_SRC}/config/initializers/simple_form.rb`,
    `${MASTODON_SRC}/config/initializers/doorkeeper.rb`,
  ],
  signIn: {
    html: mastodonAuthPage('Log in', mastodonSignInForm(true)),
    account: 'user[email]',
    password: 'user[password]',
  },
  otp: {
    html: mastodonAuthPage('Log in', `${MASTODON_WEBAUTHN_FORM}\n${mastodonOtpForm(true, true)}`),
    field: 'user[otp_attempt]',
    note:
      'An account with a security key gets the security-key form first (#webauthn-form, no inputs but the CSRF ' +
      'token; its submit is taken over by JavaScript for a WebAuthn ceremony and must never be submitted by a ' +
      'driver: without JavaScript it posts no user params and lands back on the sign-in page). The code form ' +
      '#otp-authentication-form is in the page with class "hidden"; the link a#link-to-otp (href="#") swaps the two ' +
      'by JavaScript. No parameter selects it: the server picks the security-key form whenever the account has one ' +
      'and no otp_attempt was posted. An HTTP driver posts the code form as it is (authenticity_token, ' +
      'user[otp_attempt]); a browser driver clicks #link-to-otp, or, without it, removes the class. The view passes ' +
      'type: :number to simple_form, which is not an input option there: the field renders as type="text" (read, not ' +
      'rendered).',
  },
  consent: {
    html: MASTODON_CONSENT,
    action: '/oauth/authorize',
    approve: MASTODON_APPROVE,
    deny: { _method: 'delete', ...MASTODON_APPROVE },
  },
  oob: { html: MASTODON_OOB, path: `/oauth/authorize/native?code=${CODE}`, code: CODE },
  notes:
    `${MASTODON_NOTES_COMMON} Read at main 2f40549d (4.8.0-alpha.1); these views, layouts and controllers are the ` +
    'same at v4.7.0-beta.1 (827f63a8). A stored version of mastodon/mastodon (commit 1c3e6d78, not on main at ' +
    '2f40549d) has oauth/authorizations/require_reauth.html.haml: a page with no form, only a "log out and continue" ' +
    'link (DELETE /auth/sign_out?continue_to_stored_location=true); if it ships, a driver meets a page with no ' +
    'consent form and must follow that link (not verified: the controller that renders it was not found). With ' +
    'OMNIAUTH_ONLY the sign-in page has no password form at all; with LDAP/PAM the account label reads "Username or ' +
    'Email" and the names stay the same.',
};

const MASTODON_47_TOTP: PageLayout = {
  server: 'Mastodon 4.7 (two-factor by code only)',
  sources: MASTODON_47.sources,
  otp: {
    html: mastodonAuthPage('Log in', mastodonOtpForm(false, false)),
    field: 'user[otp_attempt]',
    note: 'Without a security key the code form is the only form and is visible; the sign-in fields are gone.',
  },
  notes:
    'The two-factor page as an account with TOTP and no security key sees it, in answer to POST /auth/sign_in (200; ' +
    'the URL stays /auth/sign_in). A wrong code re-renders it with .flash-message.alert; more than 10 attempts an ' +
    'hour are refused. Codes are single-use per 30-second step.',
};

const MASTODON_42_CONSENT_FIELDS: Record<string, string> = {
  client_id: CLIENT,
  redirect_uri: REDIRECT,
  state: STATE,
  response_type: 'code',
  scope: 'read',
};

const railsHiddenTag = (fields: Record<string, string>) =>
  Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${k}" id="${k}" value="${v}" autocomplete="off">`)
    .join('\n');

const MASTODON_42_APPROVE = { authenticity_token: CSRF, ...MASTODON_42_CONSENT_FIELDS, button: '' };

const MASTODON_42: PageLayout = {
  server: 'Mastodon 4.2',
  sources: [
    `${MASTODON_42_SRC}/app/views/auth/sessions/new.html.haml`,
    `${MASTODON_42_SRC}/app/views/auth/sessions/two_factor/_otp_authentication_form.html.haml`,
    `${MASTODON_42_SRC}/app/views/oauth/authorizations/new.html.haml`,
    `${MASTODON_42_SRC}/app/views/oauth/authorizations/show.html.haml`,
    `${MASTODON_42_SRC}/app/views/layouts/auth.html.haml`,
    `${MASTODON_42_SRC}/app/views/layouts/modal.html.haml`,
  ],
  signIn: {
    html: `${mastodonHead('Log in')}
<body>
<div class="container-alt">
<div class="logo-container"><h1><a href="/">
<svg class="logo logo--wordmark"><use href="#logo-symbol-wordmark"></use></svg>
</a></h1></div>
<div class="form-container">
${mastodonSignInForm(false)}
<div class="form-footer"><ul class="no-list">
<li><a href="/auth/sign_up">Sign up</a></li>
<li><a href="/auth/password/new">Forgot your password?</a></li>
<li><a href="/auth/confirmation/new">Didn't receive a confirmation link?</a></li>
</ul></div>
</div>
</div>
${MASTODON_LOGO_RESOURCES}
</body>
</html>`,
    account: 'user[email]',
    password: 'user[password]',
  },
  consent: {
    html: mastodonModalPage(
      'Authorization required',
      `<div class="form-container simple_form">
<div class="oauth-prompt">
${MASTODON_PROMPT}
${MASTODON_PERMISSIONS}
<div class="actions">
<form action="/oauth/authorize" accept-charset="UTF-8" method="post">
${mastodonCsrf}
${railsHiddenTag(MASTODON_42_CONSENT_FIELDS)}
<button name="button" type="submit">Authorize</button>
</form>
<form action="/oauth/authorize" accept-charset="UTF-8" method="post">
<input type="hidden" name="_method" value="delete" autocomplete="off">
${mastodonCsrf}
${railsHiddenTag(MASTODON_42_CONSENT_FIELDS)}
<button name="button" type="submit" class="negative">Deny</button>
</form>
</div>
</div>
</div>`,
    ),
    action: '/oauth/authorize',
    approve: MASTODON_42_APPROVE,
    deny: { _method: 'delete', ...MASTODON_42_APPROVE },
  },
  oob: {
    html: mastodonModalPage(
      'Authorization required',
      `<div class="form-container">
<div class="flash-message simple_form">
<p>Copy this authorization code and paste it to the application.</p>
<div class="input-copy">
<div class="input-copy__wrapper">
<input class="oauth-code" type="text" spellcheck="false" readonly value="${CODE}">
</div>
<button type="button">Copy</button>
</div>
</div>
</div>`,
    ),
    path: `/oauth/authorize/native?code=${CODE}`,
    code: CODE,
  },
  notes:
    `${MASTODON_NOTES_COMMON} Read at v4.2.0 (4fcc026f). Differences from 4.7: no PKCE hidden fields (PKCE came in ` +
    '4.3), the approve button has no class and the deny button only "negative", the sign-in fields carry no required ' +
    'attribute, the footer links (sign up, forgot password, confirmation) show even inside the flow, and the logo is ' +
    'a link. The two-factor forms are the same as in 4.7 (the code form without a hidden class is "simple_form ' +
    'edit_user"). The modal chrome (body classes, the logout icon) is drawn as in 4.7.',
};

// ---------------------------------------------------------------------------------------------------------------------
// GoToSocial 0.19.2: Go templates in web/template/, handlers in internal/api/auth/.

const GTS = 'https://github.com/superseriousbusiness/gotosocial/blob/v0.19.2';

const gtsPage = (pageClass: string, main: string) => `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="robots" content="noindex, nofollow, noai, noimageai">
<title>${HOST} - GoToSocial</title>
</head>
<body class="page ${pageClass}-page">
<header class="page-header">
<a aria-label="${HOST}. Go to instance homepage" href="/" class="nounderline">
<picture><img src="/assets/logo.webp" alt="Instance Logo" title="Instance Logo"></picture>
<h1>${HOST}</h1>
</a>
</header>
<div class="page-content">
<main>
${main}
</main>
</div>
<footer class="page-footer">
<nav><ul class="nodot">
<li id="about"><a href="/about" class="nounderline">About ${HOST}</a></li>
<li id="version"><a href="https://codeberg.org/superseriousbusiness/gotosocial" class="nounderline"
 rel="nofollow noreferrer noopener" target="_blank">Source - GoToSocial 0.19.2</a></li>
</ul></nav>
</footer>
</body>
</html>`;

const GOTOSOCIAL: PageLayout = {
  server: 'GoToSocial 0.19.2',
  sources: [
    `${GTS}/web/template/sign-in.tmpl`,
    `${GTS}/web/template/2fa.tmpl`,
    `${GTS}/web/template/authorize.tmpl`,
    `${GTS}/web/template/oob.tmpl`,
    `${GTS}/web/template/page.tmpl`,
    `${GTS}/internal/api/auth/signin.go`,
    `${GTS}/internal/api/auth/authorize.go`,
    `${GTS}/internal/api/auth/oob.go`,
    `${GTS}/internal/oauth/server.go`,
  ],
  signIn: {
    html: gtsPage(
      'sign-in',
      `<section class="with-form" aria-labelledby="sign-in">
<h2 id="sign-in">Sign in</h2>
<form action="/auth/sign_in" method="POST">
<div class="labelinput">
<label for="email">Email</label>
<input type="email" name="username" id="username" autocomplete="username" required autofocus
 placeholder="Please enter your email address">
</div>
<div class="labelinput">
<label for="password">Password</label>
<input type="password" name="password" id="password" autocomplete="current-password" required
 placeholder="Please enter your password">
</div>
<button type="submit" class="btn btn-success">Sign in</button>
</form>
</section>`,
    ),
    account: 'username',
    password: 'password',
  },
  otp: {
    html: gtsPage(
      '2fa',
      `<section class="with-form" aria-labelledby="two-factor">
<h2 id="two-factor">2FA Code Required</h2>
<form action="/auth/2fa" method="POST">
<p>Hi <b>${USER}</b>!</p>
<p>You have enabled two-factor authentication for your account. To continue signing in, please enter a 6-digit code
 from your authenticator app.</p>
<div class="labelinput">
<label for="code">2FA Code</label>
<input name="code" id="code" autocomplete="off" autocorrect="off" autocapitalize="characters" required autofocus
 pattern="(^\\d{6}$|^[0123456789ABCDEFGHJKMNPQRSTVWXYZ]{32}$)"
 placeholder="Please enter a 6-digit code from your authenticator app, or a 32-character backup/recovery code">
</div>
<button type="submit" class="btn btn-success">Submit</button>
</form>
</section>`,
    ),
    field: 'code',
    note:
      'GET /auth/2fa, reached by a 302 from POST /auth/sign_in. The field has no type (text) and autocomplete="off", ' +
      'not "one-time-code": find it by name. It also takes a 32-character recovery code.',
  },
  consent: {
    html: gtsPage(
      'authorize',
      `<section class="with-form" aria-labelledby="authorize">
<h2 id="authorize">Authorize app</h2>
<form action="/oauth/authorize" method="POST">
<p>Hi <b>${USER}</b>!</p>
<p>Application <b>${APP}</b> would like to perform actions on your behalf, with scope <em>read</em>.</p>
<p>To continue, the application will redirect to: <code>${REDIRECT}</code></p>
<button type="submit" class="btn btn-success">Allow</button>
</form>
</section>`,
    ),
    action: '/oauth/authorize',
    approve: {},
    deny: null,
  },
  oob: {
    html: gtsPage(
      'oob',
      `<section class="oob-token">
<h1>Hi <b>${USER}</b>!</h1>
<p>Here's your out-of-band token with scope "<em>read</em>", use it wisely:</p>
<code>${CODE}</code>
</section>`,
    ),
    path: `/oauth/oob?code=${CODE}&state=${STATE}`,
    code: CODE,
  },
  notes:
    'Every request without a User-Agent gets 418. Signed out, GET /oauth/authorize stores its parameters in the ' +
    'session (scope defaults to read) and answers 303 to /auth/sign_in. The sign-in form has no CSRF token; its ' +
    'account field is name="username" holding the e-mail. POST /auth/sign_in answers 302 to the bare ' +
    '/oauth/authorize (no query) or to /auth/2fa; POST /auth/2fa (code) answers 302 to /oauth/authorize. A wrong ' +
    'password answers 401 with an error page and keeps the session; an unconfirmed, unapproved or disabled account ' +
    'is sent (303) to /auth/check_your_email, /auth/wait_for_approval or /auth/account_disabled. Signed in, GET ' +
    '/oauth/authorize ignores its query and shows the consent for the parameters stored when the session began ' +
    "(checked on the build: a second request with state s3 was approved with the first one's state s2): start each " +
    'authorization from a fresh session. The consent form has no inputs and no deny control (requirements that need ' +
    'a deny are not applicable). Approval clears the whole session, whether it redirects (302 to ' +
    'redirect_uri?code=…&state=…) or goes to the oob page (302 to /oauth/oob?code=…&state=…, which clears it too): ' +
    'every authorization signs in again (checked with curl on the build: after an approval to an https callback the ' +
    'next request got 303 to /auth/sign_in; the note in ../shared/servers/gotosocial-0.19.2/README.md that such an ' +
    'approval keeps the session is wrong). The oob code is the text of section.oob-token > code.',
};

// ---------------------------------------------------------------------------------------------------------------------
// Pleroma and Akkoma: Phoenix templates, lib/pleroma/web/templates/o_auth/. phoenix_html 3.3's form_for renders a
// _csrf_token input, though the /oauth/authorize pipeline has no CSRF check.

const PLEROMA = 'https://git.pleroma.social/pleroma/pleroma/-/blob/0bb989c9b48944315b5c372a357a7cdcc652f0ed';
const PLEROMA_CONTROLLER = 'https://git.pleroma.social/pleroma/pleroma/-/blob/5ee3d93392e66901d480c44c005fa52bebfe2024';
const PLEROMA_221 = 'https://git.pleroma.social/pleroma/pleroma/-/blob/v2.2.1';
const AKKOMA = 'https://akkoma.dev/AkkomaGang/akkoma/src/commit/300302d43277765c9594650f1cbf788f808dc4b8';

const phoenixCsrf = `<input name="_csrf_token" type="hidden" hidden value="${CSRF}">`;

/** The app registered read and write and asks for read: one checked box, one bare unchecked one. */
const pleromaScopes = (labelled: (scope: string) => string) => `<div class="scopes-input">
<label for="authorization_scope">The following permissions will be granted</label>
<div class="scopes">
<div class="scope">
${labelled('read')}
</div>
<input name="authorization[scope][]" type="hidden" value="">
<input id="authorization_scope_write" name="authorization[scope][]" type="checkbox" value="write">
</div>
</div>`;

const scopeBox = (scope: string) => `<input name="authorization[scope][]" type="hidden" value="">
<input id="authorization_scope_${scope}" name="authorization[scope][]" type="checkbox" value="${scope}" checked>`;

const PLEROMA_SCOPES = pleromaScopes(
  (s) => `<span class="checkbox">
${scopeBox(s)}
<label for="authorization_scope_${s}"></label>
</span>
<dl><dt>Read all data</dt><dd><code>${s}</code></dd></dl>`,
);

const AKKOMA_SCOPES = pleromaScopes(
  (s) => `${scopeBox(s)}
<label for="authorization_scope_${s}">Read</label>
Read`,
);

const AUTHORIZATION_HIDDEN = `
<input id="authorization_client_id" name="authorization[client_id]" type="hidden" value="${CLIENT}">
<input id="authorization_response_type" name="authorization[response_type]" type="hidden" value="code">
<input id="authorization_redirect_uri" name="authorization[redirect_uri]" type="hidden" value="${REDIRECT}">
<input id="authorization_state" name="authorization[state]" type="hidden" value="${STATE}">`;

const AUTHORIZATION_FIELDS: Record<string, string> = {
  _csrf_token: CSRF,
  'authorization[scope][]': 'read',
  'authorization[client_id]': CLIENT,
  'authorization[response_type]': 'code',
  'authorization[redirect_uri]': REDIRECT,
  'authorization[state]': STATE,
};

const PLEROMA_LOGIN_FIELDS = `<div class="input">
<label for="authorization_name">Username</label>
<input id="authorization_name" name="authorization[name]" type="text">
</div>
<div class="input">
<label for="authorization_password">Password</label>
<input id="authorization_password" name="authorization[password]" type="password">
</div>`;

const pleromaPage = (inner: string) => `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1,minimal-ui">
<title>${HOST}</title>
<link rel="stylesheet" href="/instance/static.css">
</head>
<body>
<div class="instance-header">
<a class="instance-header__content" href="/">
<img class="instance-header__thumbnail" src="/instance/thumbnail.jpeg">
<h1 class="instance-header__title">${HOST}</h1>
</a>
</div>
<div class="contents">
<div class="panel">
${inner}
</div>
</div>
</body>
</html>`;

const pleromaAuthorizePage = (signedIn: boolean) =>
  pleromaPage(`<form action="/oauth/authorize" method="post">
${phoenixCsrf}
${
  signedIn
    ? `<div class="account-header">
<div class="account-header_container"><img class="account-header__banner" src="/images/banner.png">
<div class="account-header__overlay"></div></div>
<div class="account-header__avatar" style="background-image: url('/images/avi.png')"></div>
<div class="account-header__meta">
<div class="account-header__display-name">${USER}</div>
<div class="account-header__nickname">@${USER}@${HOST}</div>
</div>
</div>`
    : ''
}
<div class="panel-body">
<p>Application <strong>${APP}</strong> is requesting access to your account.</p>
${PLEROMA_SCOPES}
${
  signedIn
    ? `<div class="actions">
<a class="button button--cancel" href="/">Cancel</a>
<button class="button button--approve" type="submit">Approve</button>
</div>`
    : `${PLEROMA_LOGIN_FIELDS}
<div class="actions"><button class="button button--approve" type="submit">Log In</button></div>`
}
</div>
${AUTHORIZATION_HIDDEN}
</form>`);

const PLEROMA_AKKOMA_NOTES =
  'Signed out, GET /oauth/authorize answers 200 with sign-in and consent on one page: no redirect, no session ' +
  'needed. POST /oauth/authorize (authorization[name] = nickname or e-mail, authorization[password], the scope ' +
  'boxes, the hidden authorization[…] fields) signs in and approves at once: 302 to redirect_uri?code=…&state=…; for ' +
  'oob, 200 with the code page in answer to the POST (the URL stays /oauth/authorize); with two-factor on, 200 with ' +
  'the code form in answer to the POST, which posts to /oauth/mfa/verify and then redirects or shows the oob page ' +
  'the same way. A wrong password re-renders the page with p.alert.alert-danger. Signed out there is no deny ' +
  'control; signed in (an OAuth token in the session, as when the browser is logged in to the web front end) the ' +
  'page drops the password fields and shows Approve and a Cancel link to "/" that tells the client nothing: deny is ' +
  'null either way. The account field is type="text" with no autocomplete: find it by name (authorization[name]) ' +
  'next to the password input. Every scope box posts after a hidden empty twin, so authorization[scope][] is sent as ' +
  '["", "read"]; scopes the app registered but did not ask for are bare unchecked boxes. The form has a _csrf_token ' +
  'field, but the route does not check it. If the session carries a token of the same app (a token exchange made ' +
  "through the browser's cookie jar puts one there), GET /oauth/authorize answers 302 to " +
  'redirect_uri?access_token=…&state=… with no page, unless force_login=true: exchange codes outside the browser.';

const PLEROMA_MFA = `<h2>Two-factor authentication</h2>
<form action="/oauth/mfa/verify" method="post">
${phoenixCsrf}
<div class="input">
<label for="mfa_code">Authentication code</label>
<input autocorrect="off" autocapitalize="off" autofocus pattern="[0-9]*" spellcheck="false" id="mfa_code"
 name="mfa[code]" type="text">
<input id="mfa_mfa_token" name="mfa[mfa_token]" type="hidden" value="mfa-t0ken">
<input id="mfa_state" name="mfa[state]" type="hidden" value="${STATE}">
<input id="mfa_redirect_uri" name="mfa[redirect_uri]" type="hidden" value="${REDIRECT}">
<input id="mfa_challenge_type" name="mfa[challenge_type]" type="hidden" value="totp">
</div>
<button type="submit">Verify</button>
</form>
<a href="/oauth/mfa?challenge_type=recovery&amp;mfa_token=mfa-t0ken&amp;redirect_uri=${REDIRECT_Q}&amp;state=${STATE}">
Enter a two-factor recovery code
</a>`;

const PLEROMA_LAYOUT: PageLayout = {
  server: 'Pleroma 2.6+ (develop)',
  sources: [
    `${PLEROMA}/lib/pleroma/web/templates/o_auth/o_auth/show.html.eex`,
    `${PLEROMA}/lib/pleroma/web/templates/o_auth/o_auth/_scopes.html.eex`,
    `${PLEROMA}/lib/pleroma/web/templates/layout/app.html.eex`,
    `${PLEROMA_CONTROLLER}/lib/pleroma/web/o_auth/o_auth_controller.ex`,
    `${PLEROMA_221}/lib/pleroma/web/templates/o_auth/mfa/totp.html.eex`,
    `${PLEROMA_221}/lib/pleroma/web/templates/o_auth/o_auth/oob_authorization_created.html.eex`,
  ],
  otp: {
    html: pleromaPage(PLEROMA_MFA),
    field: 'mfa[code]',
    note:
      'Rendered in answer to POST /oauth/authorize. The field has no autocomplete (the template passes false) and ' +
      'type="text": find it by name. Read at v2.2.1; develop reads the flash through Phoenix.Flash, same form.',
  },
  consent: {
    html: pleromaAuthorizePage(true),
    action: '/oauth/authorize',
    approve: AUTHORIZATION_FIELDS,
    deny: null,
  },
  combined: {
    html: pleromaAuthorizePage(false),
    account: 'authorization[name]',
    password: 'authorization[password]',
    approve: { ...AUTHORIZATION_FIELDS, 'authorization[name]': USER, 'authorization[password]': PASSWORD },
  },
  oob: {
    html: pleromaPage(`<h1>Successfully authorized</h1>
<h2>Token code is <br>${CODE}</h2>`),
    path: '/oauth/authorize',
    code: CODE,
  },
  notes:
    `${PLEROMA_AKKOMA_NOTES} The oob code is the text after the <br> in the h2. Read from the GitHub mirror ` +
    'external-mirrors/pleroma: the templates at 0bb989c9 (Phoenix.Flash, so 2.6 or later; the exact release was not ' +
    'identified), the controller at 5ee3d933; the two-factor and oob templates at v2.2.1, the newest tag in the ' +
    'mirror that has them. Both buttons are class "button button--approve" (Log In and Approve): never pick a ' +
    'control by class.',
};

const akkomaPage = (inner: string) => `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1,minimal-ui">
<title>${HOST}</title>
<link rel="stylesheet" href="/static-fe/static-fe.css">
<link rel="stylesheet" href="/static-fe/forms.css">
</head>
<body>
<div class="background-image"></div>
<nav><div class="inner-nav">
<a class="site-brand" href="/"><img class="favicon" src="/favicon.png"><span>${HOST}</span></a>
</div></nav>
<div class="container">
<div class="underlay"></div>
<div class="column main flex">
<div class="panel oauth">
${inner}
</div>
</div>
</div>
</body>
</html>`;

const akkomaAuthorizePage = (signedIn: boolean) =>
  akkomaPage(`<form action="/oauth/authorize" method="post">
${phoenixCsrf}
${
  signedIn
    ? `<div class="account-header">
<div class="account-header__banner" style="background-image: url('/images/banner.png')"></div>
<div class="account-header__avatar" style="background-image: url('/images/avi.png')">
<div class="account-header__meta">
<div class="account-header__display-name">${USER}</div>
<div class="account-header__nickname">@${USER}@${HOST}</div>
</div>
</div>
</div>`
    : ''
}
<div class="container__content">
<div class="panel-heading"><p>Application <strong>${APP}</strong> is requesting access to your account.</p></div>
<div class="panel-content">
${AKKOMA_SCOPES}
${
  signedIn
    ? `<div class="actions">
<a class="button button-cancel" href="/">Cancel</a>
<button class="button--approve" type="submit">Approve</button>
</div>`
    : `${PLEROMA_LOGIN_FIELDS}
<button type="submit">Log In</button>`
}
</div>
</div>
${AUTHORIZATION_HIDDEN}
</form>`);

const AKKOMA_LAYOUT: PageLayout = {
  server: 'Akkoma 3.16 (2025.10)',
  sources: [
    `${AKKOMA}/lib/pleroma/web/templates/o_auth/o_auth/show.html.eex`,
    `${AKKOMA}/lib/pleroma/web/templates/o_auth/o_auth/_scopes.html.eex`,
    `${AKKOMA}/lib/pleroma/web/templates/o_auth/o_auth/oob_authorization_created.html.eex`,
    `${AKKOMA}/lib/pleroma/web/templates/o_auth/mfa/totp.html.eex`,
    `${AKKOMA}/lib/pleroma/web/templates/layout/app.html.eex`,
    `${AKKOMA}/lib/pleroma/web/o_auth/o_auth_controller.ex`,
    `${AKKOMA}/lib/pleroma/web/o_auth/mfa_controller.ex`,
    `${AKKOMA}/lib/pleroma/web/router.ex`,
  ],
  otp: {
    html: akkomaPage(`<div>
<div class="panel-heading">Two-factor authentication</div>
<div class="panel-content">
<form action="/oauth/mfa/verify" method="post">
${phoenixCsrf}
<div class="input">
<label for="mfa_code">Authentication code</label>
<input autocomplete="one-time-code" autocorrect="off" autocapitalize="off" autofocus pattern="[0-9]*"
 spellcheck="false" id="mfa_code" name="mfa[code]" type="text">
<input id="mfa_mfa_token" name="mfa[mfa_token]" type="hidden" value="mfa-t0ken">
<input id="mfa_state" name="mfa[state]" type="hidden" value="${STATE}">
<input id="mfa_redirect_uri" name="mfa[redirect_uri]" type="hidden" value="${REDIRECT}">
<input id="mfa_challenge_type" name="mfa[challenge_type]" type="hidden" value="totp">
</div>
<button type="submit">Verify</button>
</form>
<a href="/oauth/mfa?challenge_type=recovery&amp;mfa_token=mfa-t0ken&amp;state=${STATE}&amp;redirect_uri=${REDIRECT_Q}">
Enter a two-factor recovery code
</a>
</div>
</div>`),
    field: 'mfa[code]',
    note: 'Rendered in answer to POST /oauth/authorize; unlike Pleroma the field has autocomplete="one-time-code".',
  },
  consent: {
    html: akkomaAuthorizePage(true),
    action: '/oauth/authorize',
    approve: AUTHORIZATION_FIELDS,
    deny: null,
  },
  combined: {
    html: akkomaAuthorizePage(false),
    account: 'authorization[name]',
    password: 'authorization[password]',
    approve: { ...AUTHORIZATION_FIELDS, 'authorization[name]': USER, 'authorization[password]': PASSWORD },
  },
  oob: {
    html: akkomaPage(`<div>
<div class="panel-heading">Successfully authorized</div>
<div class="panel-content">Token code is <br>${CODE}</div>
</div>`),
    path: '/oauth/authorize',
    code: CODE,
  },
  notes:
    `${PLEROMA_AKKOMA_NOTES} The oob code is the text after the <br> in .panel-content. Akkoma also keeps the ` +
    'signed-in user in the session after an approval (oauth_user): the next GET /oauth/authorize in the same cookie ' +
    'jar, once a token and an authorization exist for that app and user, answers 302 with code= of that existing ' +
    'authorization and shows no page; otherwise it shows the combined page again (the signed-in consent layout needs ' +
    'a token in the session). Use a fresh browser context per authorization. Read at upstream develop 300302d4 ' +
    '(2025-10-13, version 3.16.0, after the 2025.10 release), through the fork BDX-town/Akkoma that merged it.',
};

// ---------------------------------------------------------------------------------------------------------------------
// Hollo 0.9.13: Hono JSX pages, src/pages/ and src/components/.

const HOLLO = 'https://github.com/fedify-dev/hollo/blob/0.9.13';

const holloPage = (title: string, card: string, subtitle: string, inner: string, scripts = '') => `<!DOCTYPE html>
<html lang="en" style="--color-brand-500: #0a84ff">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<meta property="og:title" content="${title}">
<link rel="stylesheet" href="/public/uno.css?v=0">
<link rel="icon" type="image/png" sizes="500x500" href="/public/favicon.png" media="(prefers-color-scheme: light)">
</head>
<body class="min-h-screen bg-neutral-50 text-neutral-900 font-sans antialiased">
<div class="min-h-screen flex items-center justify-center px-4 py-12">
<div class="w-full max-w-md">
<div class="mb-8 flex flex-col items-center">
<picture><source srcset="/public/logo-white.svg" media="(prefers-color-scheme: dark)">
<img src="/public/logo-black.svg" width="56" height="56" alt="Hollo"></picture>
</div>
<div class="rounded-xl border border-neutral-200 bg-white px-6 py-8 sm:px-8">
<div class="mb-6">
<h1 class="text-xl font-semibold text-neutral-900">${card}</h1>
<p class="mt-1 text-sm text-neutral-600">${subtitle}</p>
</div>
${inner}
</div>
</div>
</div>
${scripts}
</body>
</html>`;

const HOLLO_NEXT = `http://${HOST}${AUTHORIZE_ATTR}`;

const HOLLO_LOGIN_FORM = `<form method="post" action="/login" class="space-y-4">
<div>
<label id="login-email-label" for="login-email" class="block text-sm font-medium">Email</label>
<div class="mt-1"><input id="login-email" type="email" class="w-full rounded-md" name="email"
 placeholder="john@example.com" required></div>
</div>
<div>
<label id="login-password-label" for="login-password" class="block text-sm font-medium">Password</label>
<div class="mt-1"><input id="login-password" type="password" class="w-full rounded-md" name="password" required
 minlength="6"></div>
</div>
<input type="hidden" name="next" value="${HOLLO_NEXT}">
<button type="submit" class="inline-flex items-center justify-center rounded-md w-full">Sign in</button>
</form>`;

const HOLLO_ACCOUNT = '0191b7c2-0000-7000-8000-00000000a11c';
const HOLLO_ACCOUNT_2 = '0191b7c2-0000-7000-8000-0000000b0b00';
const HOLLO_APPLICATION = '0191b7c2-0000-7000-8000-0000000a0001';

const HOLLO_CONSENT = holloPage(
  `Hollo: Authorize ${APP}`,
  `Authorize ${APP}`,
  'Do you want to authorize this application to access your account?',
  `<div class="space-y-6">
<div class="rounded-md border p-4">
<p class="text-xs font-semibold uppercase">The application can:</p>
<ul id="scopes" class="mt-2 flex flex-wrap gap-1.5"><li><code class="inline-block rounded">read</code></li></ul>
</div>
<form action="/oauth/authorize" method="post" class="space-y-5">
<fieldset class="space-y-2">
<legend class="text-sm font-medium">Choose an account to authorize:</legend>
<label for="oauth-account-${HOLLO_ACCOUNT}" class="flex cursor-pointer items-start gap-3 rounded-md border p-3">
<input id="oauth-account-${HOLLO_ACCOUNT}" type="radio" name="account_id" value="${HOLLO_ACCOUNT}" checked
 aria-label="Alice" class="mt-1 size-4">
<span class="min-w-0 flex-1"><span class="block font-semibold">Alice</span>
<span class="mt-0.5 block text-xs">@${USER}@${HOST}</span></span>
</label>
<label for="oauth-account-${HOLLO_ACCOUNT_2}" class="flex cursor-pointer items-start gap-3 rounded-md border p-3">
<input id="oauth-account-${HOLLO_ACCOUNT_2}" type="radio" name="account_id" value="${HOLLO_ACCOUNT_2}"
 aria-label="Bob" class="mt-1 size-4">
<span class="min-w-0 flex-1"><span class="block font-semibold">Bob</span>
<span class="mt-0.5 block text-xs">@bob@${HOST}</span></span>
</label>
</fieldset>
<input type="hidden" name="application_id" value="${HOLLO_APPLICATION}">
<input type="hidden" name="redirect_uri" value="${REDIRECT}">
<input type="hidden" name="scopes" value="read">
<input type="hidden" name="state" value="${STATE}">
<div class="flex gap-2">
<button type="submit" name="decision" value="deny" class="flex-1 rounded-md border px-4 py-2">Deny</button>
<button type="submit" name="decision" value="allow" class="flex-1 rounded-md bg-brand-600 px-4 py-2">Allow</button>
</div>
</form>
</div>`,
);

const HOLLO_FIELDS: Record<string, string> = {
  account_id: HOLLO_ACCOUNT,
  application_id: HOLLO_APPLICATION,
  redirect_uri: REDIRECT,
  scopes: 'read',
  state: STATE,
};

const HOLLO_SOURCES = [
  `${HOLLO}/src/pages/login.tsx`,
  `${HOLLO}/src/login.ts`,
  `${HOLLO}/src/components/LoginForm.tsx`,
  `${HOLLO}/src/components/OtpForm.tsx`,
  `${HOLLO}/src/components/forms.tsx`,
  `${HOLLO}/src/components/AuthCard.tsx`,
  `${HOLLO}/src/components/Layout.tsx`,
  `${HOLLO}/src/oauth.tsx`,
  `${HOLLO}/src/pages/oauth/authorization.tsx`,
  `${HOLLO}/src/pages/oauth/authorization_code.tsx`,
];

const HOLLO_LAYOUT: PageLayout = {
  server: 'Hollo 0.9.13',
  sources: HOLLO_SOURCES,
  signIn: {
    html: holloPage(
      'Sign in to Hollo',
      'Sign in to Hollo',
      'To continue, sign in with your Hollo account.',
      HOLLO_LOGIN_FORM,
    ),
    account: 'email',
    password: 'password',
  },
  otp: {
    html: holloPage(
      'Sign in to Hollo',
      'Two-factor authentication',
      'Enter the six-digit code from your authenticator app.',
      `<form method="post" action="/login/otp">
<label for="otp-token" class="block text-sm font-medium">Authentication code</label>
<div class="mt-1 flex gap-2">
<input id="otp-token" type="text" name="token" inputmode="numeric" pattern="^[0-9]+$" required placeholder="123456"
 aria-label="Authentication code" autocomplete="one-time-code" class="flex-1 rounded-md border">
<button type="submit" class="inline-flex items-center justify-center rounded-md">Verify</button>
</div>
<input type="hidden" name="next" value="${HOLLO_NEXT}">
</form>`,
    ),
    field: 'token',
    note:
      'GET /login/otp?next=<authorize URL>, reached by a 302 from GET /oauth/authorize once signed in, when the ' +
      'instance has TOTP set up; POST /login/otp answers 302 to next.',
  },
  consent: {
    html: HOLLO_CONSENT,
    action: '/oauth/authorize',
    approve: { ...HOLLO_FIELDS, decision: 'allow' },
    deny: { ...HOLLO_FIELDS, decision: 'deny' },
  },
  oob: {
    html: holloPage(
      'Hollo: Authorization code',
      'Authorization code',
      `Copy this code and paste it into ${APP}.`,
      `<div class="rounded-md border p-4"><code class="block break-all font-mono text-sm">${CODE}</code></div>`,
    ),
    path: '/oauth/authorize',
    code: CODE,
  },
  notes:
    'GET /oauth/authorize validates its query first (a bad one answers 400 JSON before any sign-in), then, signed ' +
    'out, answers 302 to /login?next=<the absolute authorize URL, encoded>. POST /login (email, password, next) ' +
    'answers 302 to next; a wrong password re-renders with 400. The login is one credential for the whole instance ' +
    'and lives in a signed session cookie, so later authorizations need no new sign-in. No CSRF field: hono/csrf ' +
    'refuses (403 "Forbidden") any form POST to /login, /login/otp and /oauth/authorize whose Origin is not the ' +
    "server's own origin, unless Sec-Fetch-Site is same-origin: an HTTP driver must send Origin. The account field " +
    'is type="email" name="email" with no autocomplete. The consent page is an identity picker: one radio account_id ' +
    'per account the owner has, the first checked. Both decisions are submit buttons named decision, Deny before ' +
    'Allow in the page (never take the first submit button), and for an oob redirect_uri there is no Deny button. ' +
    'Approve answers 302 to redirect_uri?code=…&state=…, deny 302 with error=access_denied; for oob the POST answers ' +
    '200 with the code page, the code being the text of the code element. PKCE fields (code_challenge, ' +
    'code_challenge_method) are hidden inputs only when the request had them. Read at tag 0.9.13; main at 640cd426 ' +
    '(0.10.0 in development) has the same pages.',
};

const HOLLO_PASSKEY: PageLayout = {
  server: 'Hollo 0.9.13 (a passkey enrolled)',
  sources: HOLLO_SOURCES,
  signIn: {
    html: holloPage(
      'Sign in to Hollo',
      'Sign in to Hollo',
      'To continue, sign in with your Hollo account.',
      `<div class="space-y-3">
<button type="button" id="passkey-signin-button" data-next="${HOLLO_NEXT}"
 class="inline-flex w-full items-center justify-center rounded-md">Sign in with passkey</button>
<p id="passkey-signin-status" class="text-center text-xs" aria-live="polite"></p>
<details class="group">
<summary class="cursor-pointer text-center text-xs">Sign in with password instead</summary>
${HOLLO_LOGIN_FORM}
</details>
</div>`,
      '<script src="/public/simplewebauthn-browser.umd.js" defer></script>\n' +
        '<script src="/public/passkey.js" defer></script>',
    ),
    account: 'email',
    password: 'password',
  },
  notes:
    'When a passkey is enrolled, the password form sits inside a closed <details> (open only after a failed password ' +
    'attempt): a browser driver must click its summary before the fields are visible; an HTTP driver posts the form ' +
    'as it is. The passkey button is type="button" and outside any form.',
};

// ---------------------------------------------------------------------------------------------------------------------
// Takahē 0.11.0: Django templates, templates/auth/login.html and templates/api/oauth_*.html.

const TAKAHE = 'https://github.com/jointakahe/takahe/blob/0.11.0';

const takahePage = (title: string, signedIn: boolean, content: string) => `<!DOCTYPE html>
<html lang="en">
<head>
<title>${title} - ${HOST}</title>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/static/css/style.css" type="text/css" media="screen">
<script src="/static/js/htmx.min.js"></script>
</head>
<body class="" hx-headers='{"X-CSRFToken": "${CSRF}"}'>
<a id="skip-to-main" class="screenreader-text" href="#main-content">Skip to Content</a>
<a id="skip-to-nav" class="screenreader-text" href="#side-navigation">Skip to Navigation</a>
<main>
<header>
<menu>
<a class="logo" href="/"><img src="/static/img/icon-128.png" width="32">${HOST}</a>
${
  signedIn
    ? `<a href="/" title="My Account"><i class="fa-solid fa-user"></i></a>
<a href="/settings" title="Settings"><i class="fa-solid fa-gear"></i></a>`
    : `<a href="/auth/login/" title="Login"><i class="fa-solid fa-right-to-bracket"></i></a>
<a href="/auth/signup/" title="Create Account"><i class="fa-solid fa-user-plus"></i></a>`
}
</menu>
</header>
${content}
</main>
<footer><a href="https://jointakahe.org">Takahē&nbsp;0.11.0</a></footer>
</body>
</html>`;

const djangoCsrf = `<input type="hidden" name="csrfmiddlewaretoken" value="${CSRF}">`;

const TAKAHE_FIELDS: Record<string, string> = {
  csrfmiddlewaretoken: CSRF,
  identity: '112233445566',
  client_id: CLIENT,
  state: STATE,
  redirect_uri: REDIRECT,
  scope: 'read',
};

const TAKAHE_LAYOUT: PageLayout = {
  server: 'Takahē 0.11.0',
  sources: [
    `${TAKAHE}/templates/auth/login.html`,
    `${TAKAHE}/templates/forms/_field.html`,
    `${TAKAHE}/templates/base.html`,
    `${TAKAHE}/templates/api/oauth_authorize.html`,
    `${TAKAHE}/templates/api/oauth_code.html`,
    `${TAKAHE}/users/views/auth.py`,
    `${TAKAHE}/api/views/oauth.py`,
    `${TAKAHE}/takahe/settings.py`,
  ],
  signIn: {
    html: takahePage(
      'Login',
      false,
      `<form action="." method="POST">
${djangoCsrf}
<fieldset>
<legend>Login</legend>
<div class="field"><div class="label-input">
<label for="id_username">Email <small>(Required)</small></label>
<input type="text" name="username" autofocus autocapitalize="none" autocomplete="username" maxlength="254" required
 id="id_username">
</div></div>
<div class="field"><div class="label-input">
<label for="id_password">Password <small>(Required)</small></label>
<input type="password" name="password" autocomplete="current-password" required id="id_password">
</div></div>
</fieldset>
<input type="hidden" name="next" value="${AUTHORIZE_ATTR}">
<div class="buttons">
<a href="/auth/reset/" class="secondary button left">Forgot Password</a>
<button>Login</button>
</div>
</form>`,
    ),
    account: 'username',
    password: 'password',
  },
  consent: {
    html: takahePage(
      `Authorize ${APP}`,
      true,
      `<form method="POST">
${djangoCsrf}
<fieldset>
<legend>Authorize</legend>
<div class="field"><div class="label-input">
<label for="identity">Select Identity</label>
<select name="identity" id="identity">
<option value="112233445566">${USER}@${HOST}</option>
<option value="665544332211">bob@${HOST}</option>
</select>
</div></div>
<p>Do you want to give <b>${APP}</b> access to this identity?</p>
<p>It will have permission to:</p>
<ul><li>Read all of your data</li></ul>
<input type="hidden" name="client_id" value="${CLIENT}">
<input type="hidden" name="state" value="${STATE}">
<input type="hidden" name="redirect_uri" value="${REDIRECT}">
<input type="hidden" name="scope" value="read">
</fieldset>
<div class="buttons">
<a href="#" class="secondary button left">Deny</a>
<button>Allow</button>
</div>
</form>`,
    ),
    action: AUTHORIZE,
    approve: TAKAHE_FIELDS,
    deny: null,
  },
  oob: {
    html: takahePage(
      'Authorization Code',
      true,
      `<h1>Authorization Code</h1>
<section>
<p>To continue, provide this code to your application:</p>
<p class="authorization-code">${CODE}</p>
</section>`,
    ),
    path: AUTHORIZE,
    code: CODE,
  },
  notes:
    'Signed out, GET /oauth/authorize answers 302 to /auth/login/?next=/oauth/authorize%3F… (LoginRequiredMixin). ' +
    'The login form posts to "." (/auth/login/) with csrfmiddlewaretoken, username (holding the e-mail: the label ' +
    'says Email, the input is type="text" autocomplete="username"), password and a hidden next; success answers 302 ' +
    "to next. Django's CSRF check needs the csrftoken cookie and the field, and over https an Origin (or Referer) of " +
    "the server's own host. No two-factor. The consent form has no action: it posts to the page's own URL, query " +
    'included, and the server reads the query over the form fields. It is an identity picker (select ' +
    'name="identity", first option preselected). Allow is a <button> with no type or name; "Deny" is a link to "#" ' +
    'that does nothing: deny is null. Approve answers 302 to redirect_uri?code=…&state=… (values not re-encoded); ' +
    'for oob the POST answers 200 with p.authorization-code. An account with no identity gets a page with no form. ' +
    'scope defaults to read; a request without redirect_uri fails with a server error.',
};

// ---------------------------------------------------------------------------------------------------------------------
// Iceshrimp.NET: one Razor page, Iceshrimp.Backend/Pages/OAuth/Authorize.cshtml, for sign-in, code and consent.

const ICESHRIMP = 'https://iceshrimp.dev/iceshrimp/Iceshrimp.NET/src/commit/eeb171fb5a32f350ceb780f25e75cd141a1eedd6';

const ICESHRIMP_HEAD = `<h3 b-oauth01>Iceshrimp.NET OAuth</h3>`;

const iceshrimpPage = (inner: string) => `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Iceshrimp.NET</title>
<link rel="stylesheet" href="/Iceshrimp.Backend.styles.css">
<link rel="stylesheet" href="/css/default.css">
<style>
.hidden-input[b-oauth01] { position: absolute; top: -10px; left: -10px; height: 0; width: 0; padding: 0; margin: 0;
 pointer-events: none; }
</style>
</head>
<body>
${ICESHRIMP_HEAD}
${inner}
<footer><div class="footer">
<span><strong>Iceshrimp.NET</strong> v2024.1-beta4.security2</span>
<a href="/login?rd=%2Foauth%2Fauthorize">Login</a>
</div></footer>
</body>
</html>`;

const ICESHRIMP_FLAGS = `<div b-oauth01 class="margin-bottom-5px">Feature flags:</div>
<div b-oauth01><input b-oauth01 type="checkbox" name="supportsHtmlFormatting" id="supportsHtmlFormatting" value="1">
<label b-oauth01 for="supportsHtmlFormatting">This app supports HTML formatting</label></div>
<div b-oauth01><input b-oauth01 type="checkbox" name="autoDetectQuotes" id="autoDetectQuotes" value="1">
<label b-oauth01 for="autoDetectQuotes">Automatically detect quotes</label></div>
<div b-oauth01><input b-oauth01 type="checkbox" name="isPleroma" id="isPleroma" value="1">
<label b-oauth01 for="isPleroma">This app is intended for Pleroma or Akkoma</label></div>`;

const ICESHRIMP_PERMISSIONS = `The app <span b-oauth01 class="app_name">${APP}</span>
requests the following permissions:
<ul b-oauth01><li b-oauth01>read</li></ul>`;

const ICESHRIMP_TOKEN = `<input name="__RequestVerificationToken" type="hidden" value="${CSRF}">`;

const ICESHRIMP_HIDDEN_TOTP =
  '<input b-oauth01 type="text" autocomplete="one-time-code" placeholder="TOTP" name="totp" class="hidden-input" ' +
  'tabindex="-1" aria-hidden="true">';

const ICESHRIMP_USER_ID = '9zq1a2b3c4d5e6f7';

const iceshrimpSignInPage = (sessionUsers: boolean) =>
  iceshrimpPage(`<div b-oauth01>
${ICESHRIMP_PERMISSIONS}
<form b-oauth01 method="post">
${ICESHRIMP_FLAGS}
${
  sessionUsers
    ? `<div b-oauth01 class="margin-top-5px">
<button b-oauth01 type="submit" name="userId" value="${ICESHRIMP_USER_ID}">Log in as @${USER}</button>
</div>
<div b-oauth01 class="margin-bottom-5px margin-top-5px">Alternatively, sign in with to a different account below:</div>
<input b-oauth01 type="text" placeholder="Username" name="username" autocomplete="username">
<input b-oauth01 type="password" placeholder="Password" name="password" autocomplete="current-password">`
    : `<div b-oauth01 class="margin-bottom-5px margin-top-10px">Log in below to confirm this:</div>
<input b-oauth01 type="text" placeholder="Username" name="username" autocomplete="username" required>
<input b-oauth01 type="password" placeholder="Password" name="password" autocomplete="current-password" required>`
}
${ICESHRIMP_HIDDEN_TOTP}
<button b-oauth01 type="submit">Submit</button>
${ICESHRIMP_TOKEN}
</form>
</div>`);

const ICESHRIMP_LAYOUT: PageLayout = {
  server: 'Iceshrimp.NET 2024.1-beta4 (development, eeb171fb)',
  sources: [
    `${ICESHRIMP}/Iceshrimp.Backend/Pages/OAuth/Authorize.cshtml`,
    `${ICESHRIMP}/Iceshrimp.Backend/Pages/OAuth/Authorize.cshtml.cs`,
    `${ICESHRIMP}/Iceshrimp.Backend/Pages/OAuth/Authorize.cshtml.css`,
    `${ICESHRIMP}/Iceshrimp.Backend/Pages/Shared/_Layout.cshtml`,
    `${ICESHRIMP}/Iceshrimp.Backend/Pages/_ViewImports.cshtml`,
    `${ICESHRIMP}/Iceshrimp.Backend/Startup.cs`,
  ],
  combined: {
    html: iceshrimpSignInPage(false),
    account: 'username',
    password: 'password',
    approve: { username: USER, password: PASSWORD, totp: '', __RequestVerificationToken: CSRF },
  },
  otp: {
    html: iceshrimpPage(`<div b-oauth01>
${ICESHRIMP_PERMISSIONS}
<form b-oauth01 method="post">
<div b-oauth01 class="margin-bottom-5px">Feature flags:</div>
<div b-oauth01><input b-oauth01 type="checkbox" id="supportsHtmlFormatting" disabled>
<label b-oauth01 for="supportsHtmlFormatting">This app supports HTML formatting</label></div>
<div b-oauth01><input b-oauth01 type="checkbox" id="autoDetectQuotes" disabled>
<label b-oauth01 for="autoDetectQuotes">Automatically detect quotes</label></div>
<div b-oauth01><input b-oauth01 type="checkbox" id="isPleroma" disabled>
<label b-oauth01 for="isPleroma">This app is intended for Pleroma or Akkoma</label></div>
<div b-oauth01 class="margin-bottom-5px margin-top-10px">Log in below to confirm this:</div>
<input b-oauth01 type="text" disabled value="${USER}" autocomplete="username">
<input b-oauth01 type="hidden" name="username" value="${USER}">
<input b-oauth01 type="password" disabled value="${PASSWORD}">
<input b-oauth01 type="hidden" name="password" value="${PASSWORD}">
<input b-oauth01 type="text" inputmode="numeric" pattern="[0-9]{6}" autocomplete="one-time-code" placeholder="TOTP"
 name="totp" required>
<button b-oauth01 type="submit">Submit</button>
${ICESHRIMP_TOKEN}
</form>
</div>`),
    field: 'totp',
    note:
      'The answer (200, Cache-Control: private, no-store) to a POST whose account has two-factor on and whose totp ' +
      'was empty or wrong: the same URL, the account fields now disabled for show and repeated as hidden inputs, the ' +
      'password in clear text among them. Never keep this page in a trace, a screenshot or a report.',
  },
  consent: {
    html: iceshrimpSignInPage(true),
    action: AUTHORIZE,
    approve: { userId: ICESHRIMP_USER_ID, username: '', password: '', totp: '', __RequestVerificationToken: CSRF },
    deny: null,
  },
  oob: {
    html: iceshrimpPage(`<div b-oauth01>
Your code is:
<pre b-oauth01>${CODE}</pre>
</div>`),
    path: AUTHORIZE,
    code: CODE,
  },
  notes:
    'GET /oauth/authorize always answers 200 with the sign-in form (no redirect, no session of its own; an invalid ' +
    "request answers an error page). The form has no action: it posts to the page's own URL, whose query " +
    '(response_type, client_id, redirect_uri, scope, state) the server reads again. Fields: username (the local ' +
    'username, not the e-mail), password, totp, three unchecked feature-flag boxes, __RequestVerificationToken ' +
    '(ASP.NET antiforgery: the CSRF-Token cookie must go with it). The totp input is visually hidden (zero size, ' +
    'off-screen, tabindex -1, aria-hidden) but not type="hidden", and to Playwright it is visible (its borders give ' +
    'it a box): a finder must not take this page for a code step; filled with a valid code by a two-factor account, ' +
    'it skips the code step; otherwise it is sent empty. There is no separate consent and no deny: submitting is ' +
    "approving. When the browser has the web front end's sessions cookie, the page also offers one submit button per " +
    'signed-in account (name="userId") that approves without a password; that is the "consent" here. Approval ' +
    'answers 302 to redirect_uri?code=…&state=… (with a small body); for oob, 200 with the code in a <pre>. A wrong ' +
    'password answers 403. Read at the newest upstream commit in the GitHub mirror kaido2ki/Iceshrimp.NET (eeb171fb, ' +
    "2024-12-05; the mirror's own later commits change nothing here); the v2024.1-beta4 tags lack the totp input and " +
    'the autocomplete attributes.',
};

// ---------------------------------------------------------------------------------------------------------------------
// Pixelfed: Laravel Blade views and Laravel Passport.

const PIXELFED = 'https://github.com/pixelfed/pixelfed/blob';
const PIXELFED_2024 = `${PIXELFED}/8aae92d75b4881e5cd6a4e2c83ca52046e5b3d66`;
const PIXELFED_PASSPORT_VIEW = `${PIXELFED}/1d618a93d6f50ece07fa2446fef3f5ae48569e7a`;
const PIXELFED_ROUTES = `${PIXELFED}/00af376fb5e0fc812389190f5f80391d0cfdd4c7`;
const PIXELFED_PASSPORT_13 = `${PIXELFED}/07a8982756f06c33466938159af6c6e43635b9f2`;

const ORIGIN = `https://${HOST}`;
const laravelCsrf = `<input type="hidden" name="_token" value="${CSRF}" autocomplete="off">`;

const PIXELFED_LOGOUT = `<form id="logout_auth" action="${ORIGIN}/logout" method="POST" style="display: none;">
${laravelCsrf}
</form>`;

const pixelfedConsentPage = (body: string) => `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${HOST} - Authorization</title>
<link href="/css/app.css" rel="stylesheet">
</head>
<body class="passport-authorize">
${body}
</body>
</html>`;

const PIXELFED_FIELDS: Record<string, string> = { _token: CSRF, state: STATE, client_id: CLIENT };

const PIXELFED_LAYOUT: PageLayout = {
  server: 'Pixelfed 0.12 (Laravel Passport)',
  sources: [
    `${PIXELFED_2024}/resources/views/auth/login.blade.php`,
    `${PIXELFED_2024}/resources/views/auth/checkpoint.blade.php`,
    `${PIXELFED_2024}/resources/views/layouts/partial/nav.blade.php`,
    `${PIXELFED_2024}/app/Http/Controllers/AccountController.php`,
    `${PIXELFED_2024}/app/Http/Middleware/TwoFactorAuth.php`,
    `${PIXELFED_PASSPORT_VIEW}/resources/views/vendor/passport/authorize.blade.php`,
    `${PIXELFED_ROUTES}/routes/web.php`,
    `${PIXELFED_ROUTES}/app/Http/Controllers/OAuth/OobAuthorizationController.php`,
    `${PIXELFED_ROUTES}/app/Providers/AuthServiceProvider.php`,
  ],
  signIn: {
    html: `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="csrf-token" content="${CSRF}">
<title>${HOST}</title>
<link href="/css/app.css" rel="stylesheet">
</head>
<body>
<nav class="navbar navbar-expand navbar-light navbar-laravel shadow-none border-bottom sticky-top py-1">
<div class="container">
<a class="navbar-brand d-flex align-items-center" href="/" title="Logo">
<span class="font-weight-bold">${HOST}</span>
</a>
<ul class="navbar-nav ml-auto">
<li><a class="ml-3 nav-link font-weight-bold text-dark" href="/login" title="Login">Login</a></li>
<li><a class="ml-3 nav-link font-weight-bold text-dark" href="/register" title="Register">Register</a></li>
</ul>
</div>
</nav>
<main id="content">
<div class="container mt-4"><div class="row justify-content-center"><div class="col-lg-5">
<div class="card shadow-none border">
<div class="card-header bg-transparent p-3"><h4 class="font-weight-bold mb-0 text-center">Account Login</h4></div>
<div class="card-body">
<form method="POST" action="${ORIGIN}/login">
${laravelCsrf}
<div class="form-group row mb-0"><div class="col-md-12">
<label for="email" class="small font-weight-bold text-muted mb-0">Email Address</label>
<input id="email" type="email" class="form-control" name="email" value="" placeholder="Email" required autofocus>
<div class="help-text small text-right mb-0"><a href="${ORIGIN}/auth/forgot/email" class="small text-muted
 font-weight-bold">Forgot Email</a></div>
</div></div>
<div class="form-group row mb-0"><div class="col-md-12">
<label for="password" class="small font-weight-bold text-muted mb-0">Password</label>
<input id="password" type="password" class="form-control" name="password" placeholder="Password" required>
<p class="help-text small text-right mb-0"><a href="${ORIGIN}/password/reset" class="small text-muted
 font-weight-bold">Forgot Password</a></p>
</div></div>
<div class="form-group row"><div class="col-md-12"><div class="checkbox"><label>
<input type="checkbox" name="remember"> <span class="font-weight-bold ml-1 text-muted">Remember Me</span>
</label></div></div></div>
<button type="submit" class="btn btn-primary btn-block btn-lg font-weight-bold rounded-pill">Login</button>
</form>
<hr>
<form method="POST" action="/auth/raw/mastodon/start">
${laravelCsrf}
<div class="form-group row mb-0"><div class="col-md-12">
<button type="submit" class="btn btn-primary btn-sm btn-block rounded-pill font-weight-bold">
Sign-in with Mastodon
</button>
</div></div>
</form>
<hr>
<p class="text-center font-weight-bold mb-0"><a href="/register">Register</a></p>
</div>
</div>
</div></div></div>
</main>
</body>
</html>`,
    account: 'email',
    password: 'password',
  },
  otp: {
    html: `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="csrf-token" content="${CSRF}">
<title>${HOST}</title>
<link href="/css/landing.css" rel="stylesheet">
</head>
<body>
<div class="page-wrapper"><div class="container mt-5"><div class="row justify-content-center"><div class="col-lg-5">
<div class="text-center">
<a href="/"><img src="/img/pixelfed-icon-white.svg" height="60px"></a>
<h1 class="pt-4 pb-1">2FA Checkpoint</h1>
<p class="font-weight-light lead">Enter the 2FA code from your device.</p>
<p class="text-muted small pb-3">If you lose access to your 2FA device, contact the admins.</p>
</div>
<div class="card bg-glass"><div class="card-body">
<form method="POST" id="2faForm">
${laravelCsrf}
<div class="form-group row"><div class="col-md-12">
<label class="font-weight-bold small text-muted">2FA Code</label>
<input id="code" type="text" class="form-control" name="code" placeholder="Two-Factor Authentication Code" required
 autocomplete="one-time-code" autofocus="" inputmode="numeric" minlength="6">
</div></div>
<div class="form-group row mb-0"><div class="col-md-12">
<button type="button" id="sbtn" class="btn btn-success btn-block rounded-pill font-weight-bold"
 onclick="event.preventDefault();handleSubmit()">Verify</button>
</div></div>
</form>
</div></div>
<div class="d-flex justify-content-between my-3">
<p class="mb-0 small"><span class="text-muted">Logged in as:</span> ${USER}</p>
<form action="/logout" method="post">
${laravelCsrf}
<button type="submit" class="btn btn-link p-0 btn-sm text-white font-weight-bold">Logout</button>
</form>
</div>
</div></div></div></div>
<script>function handleSubmit() { document.getElementById('2faForm').submit(); }</script>
</body>
</html>`,
    field: 'code',
    note:
      'GET /i/auth/checkpoint; the form has no action (posts to /i/auth/checkpoint) and no submit button: Verify is ' +
      'type="button" and submits by JavaScript (pressing Enter in the field also submits, the field being the only ' +
      'text input). The only submit button on the page is Logout, in a second form: never take "the form\'s submit ' +
      'button" here. Success answers 302 to "/", not back to the authorization: request the authorize URL again.',
  },
  consent: {
    html: pixelfedConsentPage(`<div class="container"><div class="row justify-content-center"><div class="col-md-6">
<div class="text-center mb-5"><img src="/img/pixelfed-icon-grey.svg"></div>
<p class="text-center h3 font-weight-light mb-3">Authorize ${APP}</p>
<div class="card card-default shadow-none border"><div class="card-body">
<div class="media"><img src="/img/icon/alert-circle.svg" class="mr-3" width="32" height="32">
<div class="media-body"><p class="my-0"><span class="font-weight-bold">${APP}</span></p>
<p class="mb-0 text-muted small">wants access to your <strong>${USER}</strong> account</p></div></div>
<hr>
<div class="scopes"><div class="media mb-3"><img src="/img/icon/unlock.svg" class="mr-3" width="32" height="32">
<div class="media-body"><p class="my-0"><span class="font-weight-bold">read</span></p>
<p class="mb-0 text-muted small">Full read access to your account</p></div></div></div>
<div class="buttons">
<form method="post" action="${ORIGIN}/oauth/authorize">
${laravelCsrf}
<input type="hidden" name="state" value="${STATE}">
<input type="hidden" name="client_id" value="${CLIENT}">
<button type="submit" class="btn btn-success font-weight-bold btn-approve">Authorize</button>
</form>
<form method="post" action="${ORIGIN}/oauth/authorize">
${laravelCsrf}
<input type="hidden" name="_method" value="DELETE">
<input type="hidden" name="state" value="${STATE}">
<input type="hidden" name="client_id" value="${CLIENT}">
<button class="btn btn-outline-danger font-weight-bold">Cancel</button>
</form>
</div>
<hr>
<p class="mb-0 text-center small text-muted">Click <a href="${ORIGIN}/logout" class="font-weight-bold"
 onclick="event.preventDefault();document.getElementById('logout_auth').submit();">here</a> to log out of this
 account.</p>
${PIXELFED_LOGOUT}
</div></div>
</div></div></div>`),
    action: `${ORIGIN}/oauth/authorize`,
    approve: PIXELFED_FIELDS,
    deny: { ...PIXELFED_FIELDS, _method: 'DELETE' },
  },
  oob: {
    html: `{"code":"${CODE}","state":"${STATE}"}`,
    path: '/oauth/authorize',
    code: CODE,
  },
  notes:
    'Signed out, GET /oauth/authorize answers 302 to /login and Laravel remembers the authorize URL; POST /login ' +
    '(_token, email, password, remember) answers 302 back to it. The sign-in page has a second POST form without a ' +
    'password ("Sign-in with Mastodon", when enabled) and optionally a captcha, which no driver can pass. Neither ' +
    "field has autocomplete. Two-factor: in the routes read at 00af376f the Passport routes sit in Pixelfed's " +
    '"twofactor" middleware group, so GET /oauth/authorize sends a two-factor account to /i/auth/checkpoint, which ' +
    'answers 302 to "/" on success; in the 2024 tree Passport registered its own routes outside that group and the ' +
    'checkpoint never appeared in the OAuth flow (read, not run). The consent page has two POST forms to the ' +
    'absolute /oauth/authorize and a hidden logout form (POST /logout): approve = the form without _method, deny = ' +
    'the one with _method=DELETE (button "Cancel", no type); the authorization request itself lives in the session ' +
    '(only state and client_id are posted). Approve answers 302 to redirect_uri?code=…&state=…, deny 302 with ' +
    'error=access_denied. Passport skips the page (302 with a code) when the user already holds a token of that ' +
    'client with the same scopes. For oob (OobAuthorizationController, routes at 00af376f) approval answers 200 ' +
    'application/json {"code","state"}, not a page: the "html" above is that JSON; releases before it had no oob. ' +
    'The login and checkpoint views were read in the tree of 2024-03-10 (8aae92d7, after v0.11.13); the consent view ' +
    'at 1d618a93, the routes at 00af376f: the exact release of each was not identified. CSRF: _token plus the ' +
    'session cookie.',
};

const PIXELFED_DEV: PageLayout = {
  server: 'Pixelfed (development, Passport 13 consent view)',
  sources: [`${PIXELFED_PASSPORT_13}/resources/views/auth/oauth/authorize.blade.php`],
  consent: {
    html: pixelfedConsentPage(`<div class="authorize-wrap">
<div class="card authorize-card shadow-sm border-0"><div class="card-body">
<div class="handoff" aria-hidden="true"><div class="handoff-tile handoff-app">C</div>
<div class="handoff-link"><i class="fas fa-link"></i></div>
<img class="handoff-tile handoff-avatar" src="/storage/avatars/default.jpg" alt=""></div>
<h1 class="h4 font-weight-bold text-center mb-2">Authorize ${APP}</h1>
<p class="text-muted text-center mb-4">${APP} wants to access your <strong>@${USER}</strong> account.</p>
<p class="small text-muted mb-2">This app will be able to:</p>
<div class="scope-list"><div class="scope-item">
<div class="scope-icon "><i class="fas fa-eye"></i></div>
<div class="scope-body small"><p class="scope-desc">Full read access to your account</p>
<span class="scope-id">read</span></div>
</div></div>
<div class="row no-gutters mt-4">
<div class="col-6 pr-2">
<form method="post" action="${ORIGIN}/oauth/authorize">
${laravelCsrf}
<input type="hidden" name="_method" value="DELETE">
<input type="hidden" name="state" value="${STATE}">
<input type="hidden" name="client_id" value="${CLIENT}">
<input type="hidden" name="auth_token" value="auth-t0ken">
<button type="submit" class="btn btn-outline-secondary btn-block font-weight-bold">Cancel</button>
</form>
</div>
<div class="col-6 pl-2">
<form method="post" action="${ORIGIN}/oauth/authorize">
${laravelCsrf}
<input type="hidden" name="state" value="${STATE}">
<input type="hidden" name="client_id" value="${CLIENT}">
<input type="hidden" name="auth_token" value="auth-t0ken">
<button type="submit" class="btn btn-primary btn-block font-weight-bold">Authorize</button>
</form>
</div>
</div>
<p class="small text-muted text-center mt-3 mb-0">You can revoke this access at any time from your account
 settings.</p>
</div></div>
<p class="small text-muted text-center mt-4 mb-0">Signed in as <strong>@${USER}</strong>. Not you?
<a href="${ORIGIN}/logout" class="font-weight-bold"
 onclick="event.preventDefault();document.getElementById('logout_auth').submit();">Log out</a></p>
<form id="logout_auth" action="${ORIGIN}/logout" method="POST" class="d-none">
${laravelCsrf}
</form>
</div>`),
    action: `${ORIGIN}/oauth/authorize`,
    approve: { ...PIXELFED_FIELDS, auth_token: 'auth-t0ken' },
    deny: { ...PIXELFED_FIELDS, _method: 'DELETE', auth_token: 'auth-t0ken' },
  },
  notes:
    'The consent view a later Pixelfed registers with Passport::authorizationView (Passport 13 ships none): the deny ' +
    'form (Cancel, _method=DELETE) now comes before the approve form, and both carry auth_token, which Passport ' +
    'compares with the session. Which release first ships it was not identified (stored version 07a89827). The ' +
    'logout form\'s class d-none hides it through the stylesheet, as style="display: none" did before.',
};

export const PAGE_LAYOUTS: PageLayout[] = [
  MASTODON_47,
  MASTODON_47_TOTP,
  MASTODON_42,
  GOTOSOCIAL,
  PLEROMA_LAYOUT,
  AKKOMA_LAYOUT,
  HOLLO_LAYOUT,
  HOLLO_PASSKEY,
  TAKAHE_LAYOUT,
  ICESHRIMP_LAYOUT,
  PIXELFED_LAYOUT,
  PIXELFED_DEV,
];
