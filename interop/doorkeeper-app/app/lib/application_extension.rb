# frozen_string_literal: true

# Mastodon 4.3's app/lib/application_extension.rb: length limits, website URL, several redirect URIs.
module ApplicationExtension
  extend ActiveSupport::Concern

  APP_NAME_LIMIT = 60
  APP_REDIRECT_URI_LIMIT = 2_000
  APP_WEBSITE_LIMIT = 2_000

  included do
    validates :name, length: { maximum: APP_NAME_LIMIT }
    validates :redirect_uri, length: { maximum: APP_REDIRECT_URI_LIMIT }
    validates :website, length: { maximum: APP_WEBSITE_LIMIT }, if: :website?
    validate :website_is_url, if: :website?
  end

  def redirect_uris
    # Doorkeeper stores the redirect_uri value as a newline delimited list in the database.
    redirect_uri.split
  end

  def redirect_uri=(value)
    super(value.is_a?(Array) ? value.join("\n") : value)
  end

  private

  # Mastodon's UrlValidator: an http(s) URL with a host.
  def website_is_url
    uri = URI.parse(website)
    errors.add(:website, :invalid) unless %w(http https).include?(uri.scheme) && uri.host.present?
  rescue URI::InvalidURIError
    errors.add(:website, :invalid)
  end
end
