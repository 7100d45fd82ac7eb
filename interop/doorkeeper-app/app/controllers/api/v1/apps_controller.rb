# frozen_string_literal: true

# Mastodon 4.3's Api::V1::AppsController: redirect_uris as a string or (4.3+) an array.
class Api::V1::AppsController < Api::BaseController
  def create
    @app = Doorkeeper::Application.create!(application_options)
    render json: ApplicationPresenter.credential(@app)
  end

  private

  def application_options
    app_params.merge(scopes: app_scopes_or_default)
  end

  def app_scopes_or_default
    app_params[:scopes] || Doorkeeper.configuration.default_scopes
  end

  def app_params
    params.permit(:client_name, :scopes, :website, :redirect_uris, redirect_uris: []).tap do |params|
      params[:name] = params.delete(:client_name)
      params[:redirect_uri] = params.delete(:redirect_uris)
    end
  end
end
