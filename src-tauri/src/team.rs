//! Team sync: thin wrappers over `masthead_api::team`. Host work runs on its own thread with
//! its own connection to the site, like a publish; one sync at a time.

use masthead_api::sites::{self, full_path};
use masthead_api::team::{self, Conflict, HostCredential, Keep, Status, SyncReport, TeamStarted};
use tauri::State;
use tracing::instrument;

use crate::error::AppResult;
use crate::publish::on_own_thread;
use crate::state::AppState;

/// Where the open site is in its team; `null` for a site on its own.
#[tauri::command]
#[specta::specta]
#[instrument(skip_all, err)]
pub(crate) fn team_status(state: State<'_, AppState>) -> AppResult<Option<Status>> {
    team::current(&*state.site()?)
}

/// Starts a team on the host `target`; returns the invitation for colleagues.
#[tauri::command(async)]
#[specta::specta]
#[instrument(skip(state), err)]
pub(crate) fn team_create(state: State<'_, AppState>, target: String) -> AppResult<TeamStarted> {
    let _one = state.syncing.lock().unwrap_or_else(|e| e.into_inner());
    on_own_thread(&state, move |site| team::create(&site, &target))
}

/// Makes a new site in `folder` from a team invitation, with the member's own host credential,
/// and opens it (the UI reloads after).
#[tauri::command(async)]
#[specta::specta]
#[instrument(skip(state, invitation, secret), err)]
pub(crate) fn team_join(
    state: State<'_, AppState>,
    folder: String,
    invitation: String,
    user: Option<String>,
    key_file: Option<String>,
    secret: Option<String>,
) -> AppResult<u64> {
    let dir = full_path(&folder, "folder for the team's site")?;
    team::check_invitation(&invitation)?;
    let credential = HostCredential { user, key_file: key_file.map(Into::into), secret };
    let joined = std::thread::spawn(move || team::join(&dir, &invitation, credential)).join().unwrap_or_else(|_| {
        Err(crate::error::AppError::new(crate::error::Code::Internal, "The join stopped unexpectedly; try again."))
    })?;
    sites::remember(&joined.site)?;
    state.replace_site(joined.site);
    Ok(joined.received)
}

/// Sends this site's saves to the team and receives colleagues'.
#[tauri::command(async)]
#[specta::specta]
#[instrument(skip_all, err)]
pub(crate) fn team_sync(state: State<'_, AppState>) -> AppResult<SyncReport> {
    let _one = state.syncing.lock().unwrap_or_else(|e| e.into_inner());
    let report = on_own_thread(&state, |site| team::sync(&site))?;
    if report.received > 0 {
        // The other screens read through the app's own connection: the preview reloads.
        drop(state.site_mut()?);
    }
    Ok(report)
}

/// The items with two versions not yet settled.
#[tauri::command]
#[specta::specta]
#[instrument(skip_all, err)]
pub(crate) fn team_conflicts(state: State<'_, AppState>) -> AppResult<Vec<Conflict>> {
    team::conflicts(&*state.site()?)
}

/// Keeps one version of an item with two versions, and sends the choice to the team.
#[tauri::command(async)]
#[specta::specta]
#[instrument(skip(state), err)]
pub(crate) fn team_resolve(state: State<'_, AppState>, entity: String, keep: Keep) -> AppResult<()> {
    let _one = state.syncing.lock().unwrap_or_else(|e| e.into_inner());
    on_own_thread(&state, move |site| team::resolve_and_send(&site, &entity, keep))?;
    drop(state.site_mut()?);
    Ok(())
}

/// Settles an item with two versions with a text merged by hand, and sends it to the team.
#[tauri::command(async)]
#[specta::specta]
#[instrument(skip(state, text), err)]
pub(crate) fn team_resolve_text(state: State<'_, AppState>, entity: String, text: String) -> AppResult<()> {
    let _one = state.syncing.lock().unwrap_or_else(|e| e.into_inner());
    on_own_thread(&state, move |site| team::resolve_text_and_send(&site, &entity, &text))?;
    drop(state.site_mut()?);
    Ok(())
}

/// Makes a new team key (a member left), writes the team space again with it, and returns the
/// new invitation for the members who stay.
#[tauri::command(async)]
#[specta::specta]
#[instrument(skip_all, err)]
pub(crate) fn team_rekey(state: State<'_, AppState>) -> AppResult<String> {
    let _one = state.syncing.lock().unwrap_or_else(|e| e.into_inner());
    on_own_thread(&state, |site| team::rekey(&site))
}

/// A member who stays after a re-key: takes the new key from the new invitation on this site
/// (as `masthead team join INVITATION` on it does), and syncs.
#[tauri::command(async)]
#[specta::specta]
#[instrument(skip_all, err)]
pub(crate) fn team_take_new_key(state: State<'_, AppState>, invitation: String) -> AppResult<SyncReport> {
    let _one = state.syncing.lock().unwrap_or_else(|e| e.into_inner());
    let report = on_own_thread(&state, move |site| team::take_new_key(&site, &invitation))?;
    drop(state.site_mut()?);
    Ok(report)
}
