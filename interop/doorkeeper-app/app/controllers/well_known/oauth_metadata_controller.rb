# frozen_string_literal: true

# Mastodon 4.3's WellKnown::OauthMetadataController and OauthMetadataPresenter: the lists come from Doorkeeper's
# configuration, as there.
module WellKnown
  class OauthMetadataController < ActionController::API
    def show
      doorkeeper = Doorkeeper.configuration
      grant_types = doorkeeper.grant_flows.dup
      grant_types.push('refresh_token') if doorkeeper.refresh_token_enabled?
      render content_type: 'application/json', json: {
        issuer: root_url,
        service_documentation: 'https://docs.joinmastodon.org/',
        authorization_endpoint: oauth_authorization_url,
        token_endpoint: oauth_token_url,
        revocation_endpoint: oauth_revoke_url,
        scopes_supported: doorkeeper.scopes.map(&:to_s),
        response_types_supported: doorkeeper.authorization_response_types,
        response_modes_supported: doorkeeper.authorization_response_flows.flat_map(&:response_mode_matches).uniq,
        code_challenge_methods_supported: %w(S256),
        grant_types_supported: grant_types,
        token_endpoint_auth_methods_supported: %w(client_secret_basic client_secret_post),
        app_registration_endpoint: api_v1_apps_url,
      }
    end
  end
end
