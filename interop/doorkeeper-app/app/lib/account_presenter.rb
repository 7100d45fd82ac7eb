# frozen_string_literal: true

# Mastodon's REST::CredentialAccountSerializer, for the one seeded user (an account with no posts).
module AccountPresenter
  def self.credential_account(user, base)
    avatar = "#{base}/avatars/original/missing.png"
    header = "#{base}/headers/original/missing.png"
    {
      id: user.id.to_s, username: user.username, acct: user.username, display_name: user.username, locked: false,
      bot: false, discoverable: nil, indexable: false, group: false, created_at: user.created_at.utc.iso8601(3),
      note: '', url: "#{base}/@#{user.username}", uri: "#{base}/users/#{user.username}", avatar: avatar,
      avatar_static: avatar, header: header, header_static: header, followers_count: 0, following_count: 0,
      statuses_count: 0, last_status_at: nil, hide_collections: nil, noindex: false,
      source: { privacy: 'public', sensitive: false, language: nil, note: '', fields: [], follow_requests_count: 0,
                hide_collections: nil, discoverable: nil, indexable: false },
      emojis: [], roles: [], fields: [],
      role: { id: '-99', name: '', permissions: '0', color: '', highlighted: false },
    }
  end
end
