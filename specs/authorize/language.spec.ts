import { attributeOf } from '../../fixtures/consent/forms.ts';
import { expectOAuth } from '../../fixtures/expect-oauth.ts';
import { requirement, test } from '../../fixtures/test.ts';

test(
  'AUTHZ-LANG lang=de renders the consent page in German, lang=en in English',
  requirement('AUTHZ-LANG'),
  async ({ app, flows, session }) => {
    for (const lang of ['de', 'en']) {
      const res = await session.send('GET', flows.authorizeUrl(app, { scope: 'follow push', extra: { lang } }));
      const htmlLang = attributeOf(res.text, 'html', 'lang') ?? '';
      expectOAuth(res)
        .status(200)
        .that(htmlLang.toLowerCase().startsWith(lang), `<html lang> must be ${lang}; got ${JSON.stringify(htmlLang)}`);
    }
  },
);
