# frozen_string_literal: true

# Mastodon's Oauth::TokensController: revocation also ends the token's Web Push subscriptions (there are none here).
class Oauth::TokensController < Doorkeeper::TokensController
end
