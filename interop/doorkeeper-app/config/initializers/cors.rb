# frozen_string_literal: true

# Mastodon 4.3's config/initializers/cors.rb (the revoke entry is PR #31743, 4.3.0).
Rails.application.config.middleware.insert_before 0, Rack::Cors do
  allow do
    origins '*'

    resource '/.well-known/*',
             headers: :any,
             methods: [:get],
             credentials: false
    resource '/api/*',
             headers: :any,
             methods: [:post, :put, :delete, :get, :patch, :options],
             credentials: false,
             expose: %w(Link X-RateLimit-Reset X-RateLimit-Limit X-RateLimit-Remaining X-Request-Id)
    resource '/oauth/token',
             headers: :any,
             methods: [:post],
             credentials: false
    resource '/oauth/revoke',
             headers: :any,
             methods: [:post],
             credentials: false
  end
end
