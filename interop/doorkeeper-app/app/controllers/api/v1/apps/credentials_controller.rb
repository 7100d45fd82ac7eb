# frozen_string_literal: true

# Mastodon 4.3's Api::V1::Apps::CredentialsController: any valid token of the app, no secret in the answer.
class Api::V1::Apps::CredentialsController < Api::BaseController
  def show
    return doorkeeper_render_error unless valid_doorkeeper_token?

    render json: ApplicationPresenter.application(doorkeeper_token.application)
  end
end
