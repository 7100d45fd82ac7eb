# frozen_string_literal: true

# Mastodon 4.3's REST::ApplicationSerializer and REST::CredentialApplicationSerializer.
module ApplicationPresenter
  def self.application(app)
    {
      id: app.id.to_s,
      name: app.name,
      website: app.website.presence,
      scopes: app.scopes.to_a,
      redirect_uris: app.redirect_uris,
      vapid_key: Rails.configuration.x.vapid_public_key,
      redirect_uri: app.redirect_uri,
    }
  end

  def self.credential(app)
    application(app).merge(client_id: app.uid, client_secret: app.secret)
  end
end
