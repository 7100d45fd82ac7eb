# frozen_string_literal: true

# Mastodon's Localized concern: ?lang= (when it is an available locale), then the user's locale, then
# Accept-Language, then the default.
module Localized
  extend ActiveSupport::Concern

  included do
    around_action :set_locale
  end

  private

  def set_locale(&block)
    I18n.with_locale(requested_locale || I18n.default_locale, &block)
  end

  def requested_locale
    [params[:lang], current_user&.locale, request_locale].find { |l| l.present? && I18n.available_locales.include?(l.to_s.to_sym) }
  end

  def request_locale
    request.headers['Accept-Language'].to_s.scan(/[a-z]{2,3}(?:-[A-Z]{2})?/).find { |l| I18n.available_locales.include?(l.to_sym) }
  end
end
