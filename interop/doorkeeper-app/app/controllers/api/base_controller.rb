# frozen_string_literal: true

# Mastodon's Api::BaseController, the parts the OAuth surface shows: Doorkeeper's 401/403 rendered as Mastodon's
# error objects, validation errors as 422, and a user required where an app token is not enough.
class Api::BaseController < ApplicationController
  protect_from_forgery with: :null_session
  skip_before_action :set_cache_control_defaults

  rescue_from ActiveRecord::RecordInvalid do |e|
    render json: { error: e.to_s }, status: 422
  end

  rescue_from ActionController::ParameterMissing do |e|
    render json: { error: e.to_s }, status: 400
  end

  def doorkeeper_unauthorized_render_options(error: nil)
    { json: { error: error.try(:description) || 'Not authorized' } }
  end

  def doorkeeper_forbidden_render_options(*)
    { json: { error: 'This action is outside the authorized scopes' } }
  end

  protected

  def current_resource_owner
    @current_user ||= User.find(doorkeeper_token.resource_owner_id) if doorkeeper_token&.resource_owner_id
  end

  def current_user
    current_resource_owner || super
  rescue ActiveRecord::RecordNotFound
    nil
  end

  def require_user!
    render json: { error: 'This method requires an authenticated user' }, status: 422 unless current_user
  end
end
