# frozen_string_literal: true

# Mastodon's ApplicationController, the parts on the OAuth path: CSRF with an exception (answered 422), private
# no-store pages, and the signed-in user from Devise.
class ApplicationController < ActionController::Base
  protect_from_forgery with: :exception

  before_action :set_cache_control_defaults

  rescue_from ActionController::InvalidAuthenticityToken, with: :unprocessable_entity
  rescue_from ActionController::RoutingError, ActiveRecord::RecordNotFound, with: :not_found

  helper_method :current_account_label

  private

  def set_cache_control_defaults
    response.cache_control.replace(private: true, no_store: true)
  end

  def current_account_label
    current_user && "#{current_user.username}@#{Rails.configuration.x.domain}"
  end

  def unprocessable_entity
    respond_with_error(422)
  end

  def not_found
    respond_with_error(404)
  end

  def respond_with_error(code)
    # Mastodon renders its errors/<code> page (HTML) here.
    text = Rack::Utils::HTTP_STATUS_CODES[code]
    render html: "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>#{text} - Mastodon</title></head><body class=\"error\"><div class=\"dialog\"><h1>#{code}</h1><p>#{text}</p></div></body></html>".html_safe, status: code
  end
end
