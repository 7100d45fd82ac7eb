# frozen_string_literal: true

# Mastodon 4.3's app/lib/oauth_pre_authorization_extension.rb: a code challenge is accepted only with S256 (Doorkeeper
# 5.7 allows plain too). 4.3 passes an error class; Doorkeeper 5.5's validations take the error's symbol.
module OauthPreAuthorizationExtension
  extend ActiveSupport::Concern

  included do
    validate :code_challenge_method_s256, error: :invalid_code_challenge_method
  end

  def validate_code_challenge_method_s256
    code_challenge.blank? || code_challenge_method == 'S256'
  end
end
