# frozen_string_literal: true

# Mastodon 4.3's Api::V1::Accounts::CredentialsController#show.
class Api::V1::Accounts::CredentialsController < Api::BaseController
  before_action -> { doorkeeper_authorize! :profile, :read, :'read:accounts' }
  before_action :require_user!

  def show
    render json: AccountPresenter.credential_account(current_user, root_url.chomp('/'))
  end
end
