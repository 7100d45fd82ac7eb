# frozen_string_literal: true

# Mastodon 4.3's config/initializers/doorkeeper.rb, option by option (LDAP/PAM sign-in left out: not configured).
Doorkeeper.configure do
  orm :active_record

  resource_owner_authenticator do
    current_user || redirect_to(new_user_session_url)
  end

  resource_owner_from_credentials do |_routes|
    user = User.find_by(email: request.params[:username])
    user = nil unless user&.valid_password?(request.params[:password])
    user
  end

  admin_authenticator do
    head 403
  end

  access_token_expires_in nil
  base_controller 'ApplicationController'
  reuse_access_token
  enforce_configured_scopes
  enable_application_owner

  default_scopes :read
  optional_scopes :profile,
                  :write,
                  :'write:accounts',
                  :'write:blocks',
                  :'write:bookmarks',
                  :'write:conversations',
                  :'write:favourites',
                  :'write:filters',
                  :'write:follows',
                  :'write:lists',
                  :'write:media',
                  :'write:mutes',
                  :'write:notifications',
                  :'write:reports',
                  :'write:statuses',
                  :'read:accounts',
                  :'read:blocks',
                  :'read:bookmarks',
                  :'read:favourites',
                  :'read:filters',
                  :'read:follows',
                  :'read:lists',
                  :'read:mutes',
                  :'read:notifications',
                  :'read:search',
                  :'read:statuses',
                  :follow,
                  :push,
                  :'admin:read',
                  :'admin:read:accounts',
                  :'admin:read:reports',
                  :'admin:read:domain_allows',
                  :'admin:read:domain_blocks',
                  :'admin:read:ip_blocks',
                  :'admin:read:email_domain_blocks',
                  :'admin:read:canonical_email_blocks',
                  :'admin:write',
                  :'admin:write:accounts',
                  :'admin:write:reports',
                  :'admin:write:domain_allows',
                  :'admin:write:domain_blocks',
                  :'admin:write:ip_blocks',
                  :'admin:write:email_domain_blocks',
                  :'admin:write:canonical_email_blocks'

  force_ssl_in_redirect_uri false
  forbid_redirect_uri { |uri| %w(data vbscript javascript).include?(uri.scheme.to_s.downcase) }

  # Mastodon 4.3 still has the password grant (removed in 4.4.0).
  grant_flows %w(authorization_code password client_credentials)

  skip_authorization do |_resource_owner, client|
    client.application.superapp?
  end
end
