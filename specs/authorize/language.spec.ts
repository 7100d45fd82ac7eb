import { attributeOf, expectOAuth, requirement, test } from '../../fixtures/api/index.ts';

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
