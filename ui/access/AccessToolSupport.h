#pragma once

class QLineEdit;
class QWidget;

namespace tessera::ui {

class VaultController;

// Fills a completer on `edit` with the vault's usernames (read in a job), matching anywhere in the
// name and ignoring case. Does nothing while the vault is locked.
void attachUsernameCompleter(VaultController& controller, QLineEdit* edit);

// Grows a dialog whose wrapped result text just appeared until all of it fits at the current width
// (a layout's minimum size does not account for word wrap, so the text would otherwise be clipped).
void growToFit(QWidget* dialog);

} // namespace tessera::ui
