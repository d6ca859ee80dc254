#include "keys/KeysPage.h"

#include "app/VaultController.h"
#include "common/RefreshWhenShown.h"
#include "common/DialogStyle.h"
#include "common/ErrorText.h"
#include "common/FileDialogs.h"
#include "common/FindShortcut.h"
#include "common/Icons.h"
#include "common/MessageBoxes.h"
#include "common/TableStyle.h"
#include "crypto/SecretBuffer.h"
#include "keyring/KeyRing.h"
#include "keys/GenerateKeyDialog.h"
#include "keys/KeySet.h"
#include "keys/KeysTableModel.h"
#include "settings/Preferences.h"

#include <QAction>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace tessera::ui {

namespace {

QString nativePath(const QString& path)
{
    return QDir::toNativeSeparators(path);
}

} // namespace

KeysPage::KeysPage(VaultController& controller, QWidget* parent)
    : QWidget(parent), m_controller(controller), m_model(new KeysTableModel(this)),
      m_proxy(new QSortFilterProxyModel(this)), m_filterEdit(new QLineEdit(this)),
      m_generateButton(new QPushButton(Icons::get(QStringLiteral("add")), tr("&Generate…"), this)),
      m_importButton(new QPushButton(Icons::get(QStringLiteral("import")), tr("&Import…"), this)),
      m_rotateButton(new QPushButton(Icons::get(QStringLiteral("refresh")), tr("&Rotate"), this)),
      m_stateButton(new QToolButton(this)),
      m_deleteButton(new QPushButton(Icons::get(QStringLiteral("delete")), tr("&Delete"), this)),
      m_exportButton(new QToolButton(this)), m_activeAction(new QAction(tr("&Active (signs and verifies)"), this)),
      m_passiveAction(new QAction(tr("&Passive (verifies only)"), this)),
      m_retiredAction(new QAction(tr("&Retired (neither)"), this)),
      m_exportPublicAction(new QAction(tr("&Public Keys as JWKS…"), this)),
      m_exportPrivateAction(new QAction(tr("Private &Key…"), this)), m_countLabel(new QLabel(this)),
      m_rotationSpin(new QSpinBox(this)),
      m_statusLabel(new QLabel(this)), m_viewStack(new QStackedWidget(this)), m_table(new QTableView(this)),
      m_emptyLabel(new QLabel(this))
{
    m_refresher = new RefreshWhenShown(this, [this] { refresh(); });
    setObjectName(QStringLiteral("keysPage"));
    m_filterEdit->setObjectName(QStringLiteral("keysFilterLineEdit"));
    m_generateButton->setObjectName(QStringLiteral("generateKeyButton"));
    m_importButton->setObjectName(QStringLiteral("importKeyButton"));
    m_rotateButton->setObjectName(QStringLiteral("rotateKeyButton"));
    m_stateButton->setObjectName(QStringLiteral("keyStateButton"));
    m_deleteButton->setObjectName(QStringLiteral("deleteKeyButton"));
    m_exportButton->setObjectName(QStringLiteral("exportKeysButton"));
    m_activeAction->setObjectName(QStringLiteral("keyActiveAction"));
    m_passiveAction->setObjectName(QStringLiteral("keyPassiveAction"));
    m_retiredAction->setObjectName(QStringLiteral("keyRetiredAction"));
    m_exportPublicAction->setObjectName(QStringLiteral("exportPublicJwksAction"));
    m_exportPrivateAction->setObjectName(QStringLiteral("exportPrivateKeyAction"));
    m_countLabel->setObjectName(QStringLiteral("keysCountLabel"));
    m_rotationSpin->setObjectName(QStringLiteral("keyRotationDaysSpinBox"));
    m_statusLabel->setObjectName(QStringLiteral("keysStatusLabel"));
    m_table->setObjectName(QStringLiteral("keysTableView"));
    m_emptyLabel->setObjectName(QStringLiteral("keysEmptyLabel"));

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(KeysTableModel::SortRole);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(KeysTableModel::CreatedColumn, Qt::DescendingOrder);
    TableStyle::configure(m_table);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    const QFontMetrics metrics = fontMetrics();
    // Kids can be 43-character thumbprints: a fixed width, elided; algorithms take the
    // rest of the row; the other columns fit their contents.
    m_table->setColumnWidth(KeysTableModel::KidColumn, metrics.horizontalAdvance(QLatin1Char('0')) * 18 + 28);
    QHeaderView* header = m_table->horizontalHeader();
    header->setStretchLastSection(false);
    for (int column : {KeysTableModel::TypeColumn, KeysTableModel::StateColumn, KeysTableModel::CreatedColumn,
                       KeysTableModel::NotAfterColumn}) {
        header->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    }
    header->setSectionResizeMode(KeysTableModel::AlgorithmsColumn, QHeaderView::Stretch);

    m_filterEdit->setPlaceholderText(tr("Filter keys (Ctrl+F)"));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->addAction(Icons::get(QStringLiteral("search")), QLineEdit::LeadingPosition);
    m_filterEdit->setMinimumWidth(170);
    FindShortcut::install(this, m_filterEdit);
    auto* stateMenu = new QMenu(m_stateButton);
    stateMenu->addActions({m_activeAction, m_passiveAction, m_retiredAction});
    m_stateButton->setMenu(stateMenu);
    m_stateButton->setPopupMode(QToolButton::InstantPopup);
    m_stateButton->setText(tr("Set &State"));
    m_stateButton->setIcon(Icons::get(QStringLiteral("edit")));
    m_stateButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    auto* exportMenu = new QMenu(m_exportButton);
    exportMenu->addActions({m_exportPublicAction, m_exportPrivateAction});
    m_exportButton->setMenu(exportMenu);
    m_exportButton->setPopupMode(QToolButton::InstantPopup);
    m_exportButton->setText(tr("E&xport"));
    m_exportButton->setIcon(Icons::get(QStringLiteral("export")));
    m_exportButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_rotateButton->setToolTip(tr("Make a new Active key of the same type; this one becomes Passive"));
    m_rotationSpin->setRange(1, KeysTableModel::MaxRotationDays);
    m_rotationSpin->setSuffix(tr(" days"));
    m_rotationSpin->setValue(Preferences().keyRotationDays());
    m_rotationSpin->setToolTip(tr("Keys in use for longer than this are marked for rotation"));
    m_model->setRotationDays(m_rotationSpin->value());
    auto* rotationLabel = new QLabel(tr("Rotate a&fter:"), this);
    rotationLabel->setBuddy(m_rotationSpin);
    DialogStyle::makeHint(m_countLabel);
    m_countLabel->setWordWrap(false);
    m_statusLabel->setWordWrap(true);
    m_statusLabel->hide();
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setForegroundRole(QPalette::PlaceholderText);
    m_viewStack->addWidget(m_table);
    m_viewStack->addWidget(m_emptyLabel);

    auto* row = new QHBoxLayout;
    row->setSpacing(8);
    row->addWidget(m_filterEdit, 1);
    row->addWidget(m_countLabel);
    row->addSpacing(8);
    row->addWidget(rotationLabel);
    row->addWidget(m_rotationSpin);
    row->addSpacing(8);
    row->addWidget(m_generateButton);
    row->addWidget(m_importButton);
    row->addWidget(m_rotateButton);
    row->addWidget(m_stateButton);
    row->addWidget(m_deleteButton);
    row->addWidget(m_exportButton);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 20);
    layout->setSpacing(10);
    layout->addLayout(DialogStyle::pageTitle(
        tr("Keys"),
        tr("Signing and verification keys, their private halves sealed in the vault. Active keys sign and verify, "
           "Passive keys only verify, Retired keys do neither."),
        this));
    layout->addSpacing(6);
    layout->addLayout(row);
    layout->addWidget(m_statusLabel);
    layout->addWidget(m_viewStack, 1);

    connect(m_filterEdit, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_proxy->setFilterFixedString(text);
        updateButtons();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &KeysPage::updateButtons);
    connect(m_rotationSpin, &QSpinBox::valueChanged, this, [this](int days) {
        m_model->setRotationDays(days);
        Preferences().setKeyRotationDays(days);
    });
    connect(m_generateButton, &QPushButton::clicked, this, &KeysPage::generateKey);
    connect(m_importButton, &QPushButton::clicked, this, &KeysPage::importKeys);
    connect(m_rotateButton, &QPushButton::clicked, this, &KeysPage::rotateSelected);
    connect(m_deleteButton, &QPushButton::clicked, this, &KeysPage::deleteSelected);
    connect(m_activeAction, &QAction::triggered, this, [this] { setSelectedState(keys::KeyState::Active); });
    connect(m_passiveAction, &QAction::triggered, this, [this] { setSelectedState(keys::KeyState::Passive); });
    connect(m_retiredAction, &QAction::triggered, this, [this] { setSelectedState(keys::KeyState::Retired); });
    connect(m_exportPublicAction, &QAction::triggered, this, &KeysPage::exportPublicJwks);
    connect(m_exportPrivateAction, &QAction::triggered, this, &KeysPage::exportPrivate);
    connect(&m_controller, &VaultController::unlocked, m_refresher, &RefreshWhenShown::request);
    connect(&m_controller, &VaultController::vaultChanged, m_refresher, &RefreshWhenShown::request);
    connect(&m_controller, &VaultController::locked, this, &KeysPage::clear);
    clear();
}

void KeysPage::clear()
{
    m_model->clear();
    m_filterEdit->clear();
    m_statusLabel->hide();
    updateButtons();
}

void KeysPage::refresh()
{
    m_refresher->markFresh();
    if (!m_controller.isUnlocked()) {
        return;
    }
    m_controller.run(
        this, [](Vault& vault) { return keys::KeyRing(vault).list(); },
        [this](Result<QList<keys::VaultKey>> loaded) {
            if (!loaded) {
                setStatus(ErrorText::forUser(loaded.error()), true);
                return;
            }
            const QString selected = m_pendingSelection.isEmpty() ? selectedKid() : m_pendingSelection;
            m_pendingSelection.clear();
            m_model->setKeys(std::move(*loaded), QDateTime::currentMSecsSinceEpoch());
            selectKid(selected);
            updateButtons();
        });
}

QString KeysPage::selectedKid() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows(KeysTableModel::KidColumn);
    return rows.isEmpty() ? QString() : rows.first().data(KeysTableModel::SortRole).toString();
}

void KeysPage::selectKid(const QString& kid)
{
    const int row = kid.isEmpty() ? -1 : m_model->rowOf(kid);
    if (row < 0) {
        return;
    }
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (index.isValid()) {
        m_table->selectRow(index.row());
        m_table->scrollTo(index);
    }
}

void KeysPage::updateButtons()
{
    const bool unlocked = m_controller.isUnlocked();
    const QString kid = selectedKid();
    const int row = m_model->rowOf(kid);
    const bool selected = unlocked && row >= 0;
    m_generateButton->setEnabled(unlocked);
    m_importButton->setEnabled(unlocked);
    m_rotateButton->setEnabled(selected && m_model->key(row).state != keys::KeyState::Retired);
    m_stateButton->setEnabled(selected);
    m_deleteButton->setEnabled(selected);
    m_exportPrivateAction->setEnabled(selected && m_model->key(row).hasPrivate);
    m_exportPublicAction->setEnabled(unlocked && m_model->rowCount() > 0);
    m_exportButton->setEnabled(unlocked && m_model->rowCount() > 0);
    if (selected) {
        const keys::KeyState state = m_model->key(row).state;
        m_activeAction->setEnabled(state != keys::KeyState::Active && m_model->key(row).hasPrivate);
        m_passiveAction->setEnabled(state != keys::KeyState::Passive);
        m_retiredAction->setEnabled(state != keys::KeyState::Retired);
    }
    const int shown = m_proxy->rowCount();
    const int total = m_model->rowCount();
    m_countLabel->setText(tr("%1 of %2 keys").arg(QLocale().toString(shown), QLocale().toString(total)));
    m_emptyLabel->setText(total == 0 ? tr("No keys yet.\nGenerate one to sign tokens, or import a public key, JWK or "
                                          "JWKS to verify tokens others sign.")
                                     : tr("No keys match the filter."));
    m_viewStack->setCurrentIndex(shown == 0 ? 1 : 0);
}

void KeysPage::setStatus(const QString& text, bool error)
{
    DialogStyle::setStatus(m_statusLabel, text, error);
}

void KeysPage::changed(const QString& message, const QString& select)
{
    setStatus(message);
    m_pendingSelection = select;
    // Every page that shows keys reloads (this one included), and the audit trail shows the change.
    m_controller.notifyVaultChanged();
}

void KeysPage::generateKey()
{
    if (!m_controller.isUnlocked()) {
        return;
    }
    auto* dialog = new GenerateKeyDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        keys::KeyOptions options;
        options.kid = dialog->kid();
        const QString spec = dialog->spec();
        setStatus(tr("Generating a %1 key…").arg(GenerateKeyDialog::describeSpec(spec)));
        m_controller.run(
            this, [spec, options](Vault& vault) { return keys::KeyRing(vault).generate(spec, options); },
            [this](Result<keys::VaultKey> key) {
                if (!key) {
                    setStatus(tr("No key generated: %1").arg(ErrorText::forUser(key.error())), true);
                    return;
                }
                changed(tr("Generated %1 “%2”.").arg(key->description, key->kid), key->kid);
            });
    });
    dialog->open();
}

void KeysPage::importKeys()
{
    const QString path = FileDialogs::getOpenFileName(
        this, tr("Import Keys"), QDir::homePath(),
        tr("Keys (*.pem *.key *.crt *.cer *.jwk *.json *.jwks);;All files (*)"));
    if (path.isEmpty()) {
        return;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        MessageBoxes::warning(this, tr("Import Keys"),
                              tr("Could not read %1: %2").arg(nativePath(path), file.errorString()));
        return;
    }
    QByteArray contents = file.readAll();
    auto set = keys::KeySet::fromData(contents);
    if (!set && set.error().message.contains(QLatin1String("passphrase"))) {
        bool ok = false;
        QString text = QInputDialog::getText(this, tr("Import Keys"),
                                             tr("%1 is encrypted. Passphrase:").arg(QFileInfo(path).fileName()),
                                             QLineEdit::Password, QString(), &ok);
        if (!ok) {
            wipeBytes(contents);
            return;
        }
        const SecretBuffer passphrase = SecretBuffer::fromString(text);
        wipeString(text);
        set = keys::KeySet::fromData(contents, &passphrase);
    }
    wipeBytes(contents);
    if (!set) {
        MessageBoxes::warning(this, tr("Import Keys"),
                              tr("Could not import %1: %2").arg(nativePath(path), ErrorText::forUser(set.error())));
        return;
    }
    m_controller.run(
        this, [read = std::move(*set)](Vault& vault) { return keys::KeyRing(vault).import(read); },
        [this](Result<QList<keys::VaultKey>> imported) {
            if (!imported) {
                setStatus(tr("Nothing imported: %1").arg(ErrorText::forUser(imported.error())), true);
                return;
            }
            changed(imported->size() == 1 ? tr("Imported 1 key.") : tr("Imported %1 keys.").arg(imported->size()),
                    imported->isEmpty() ? QString() : imported->first().kid);
        });
}

void KeysPage::rotateSelected()
{
    const QString kid = selectedKid();
    if (kid.isEmpty()) {
        return;
    }
    m_controller.run(
        this, [kid](Vault& vault) { return keys::KeyRing(vault).rotate(kid); },
        [this, kid](Result<keys::VaultKey> key) {
            if (!key) {
                setStatus(tr("Not rotated: %1").arg(ErrorText::forUser(key.error())), true);
                return;
            }
            changed(tr("Rotated: “%1” is the new Active key; “%2” now only verifies.").arg(key->kid, kid), key->kid);
        });
}

void KeysPage::setSelectedState(keys::KeyState state)
{
    const QString kid = selectedKid();
    if (kid.isEmpty()) {
        return;
    }
    m_controller.run(
        this, [kid, state](Vault& vault) { return keys::KeyRing(vault).setState(kid, state); },
        [this, kid, state](Status done) {
            if (!done) {
                setStatus(ErrorText::forUser(done.error()), true);
                return;
            }
            changed(tr("“%1” is now %2.").arg(kid, keys::keyStateName(state)), kid);
        });
}

void KeysPage::deleteSelected()
{
    const QString kid = selectedKid();
    if (kid.isEmpty()) {
        return;
    }
    if (MessageBoxes::question(this, tr("Delete Key"),
                               tr("Delete the key “%1”? Tokens it signed will no longer verify here, and a private "
                                  "key cannot be recovered unless it was exported.")
                                   .arg(kid)) != QMessageBox::Yes) {
        return;
    }
    m_controller.run(
        this, [kid](Vault& vault) { return keys::KeyRing(vault).remove(kid); },
        [this, kid](Status done) {
            if (!done) {
                setStatus(ErrorText::forUser(done.error()), true);
                return;
            }
            changed(tr("Deleted “%1”.").arg(kid));
        });
}

void KeysPage::exportPublicJwks()
{
    const QString path = FileDialogs::getSaveFileName(this, tr("Export Public Keys"),
                                                      QDir::home().filePath(QStringLiteral("jwks.json")),
                                                      tr("JSON Web Key Sets (*.json *.jwks);;All files (*)"));
    if (path.isEmpty()) {
        return;
    }
    m_controller.run(
        this, [](Vault& vault) { return keys::KeyRing(vault).publicJwks(); },
        [this, path](Result<QJsonObject> jwks) {
            if (!jwks) {
                setStatus(ErrorText::forUser(jwks.error()), true);
                return;
            }
            if (!FileDialogs::writeExport(this, path, QJsonDocument(*jwks).toJson(QJsonDocument::Indented))) {
                return;
            }
            setStatus(tr("Exported the Active and Passive public keys to %1.").arg(nativePath(path)));
        });
}

void KeysPage::exportPrivate()
{
    const QString kid = selectedKid();
    const int row = m_model->rowOf(kid);
    if (row < 0 || !m_model->key(row).hasPrivate) {
        return;
    }
    if (MessageBoxes::question(this, tr("Export Private Key"),
                               tr("Export the private key “%1”? Whoever holds the file can sign tokens as this "
                                  "vault.")
                                   .arg(kid)) != QMessageBox::Yes) {
        return;
    }
    const bool secret = m_model->key(row).kty == QLatin1String("oct");
    const QStringList formats{tr("Encrypted PKCS#8 PEM (asks for a passphrase)"), tr("JWK (JSON, not encrypted)")};
    bool ok = true;
    const QString format = secret ? formats.at(1)
                                  : QInputDialog::getItem(this, tr("Export Private Key"), tr("Format:"), formats, 0,
                                                          false, &ok);
    if (!ok) {
        return;
    }
    const bool pem = format == formats.at(0);
    std::optional<SecretBuffer> passphrase;
    if (pem) {
        QString first = QInputDialog::getText(this, tr("Export Private Key"), tr("Passphrase for the file:"),
                                              QLineEdit::Password, QString(), &ok);
        if (!ok || first.isEmpty()) {
            wipeString(first);
            return;
        }
        QString again = QInputDialog::getText(this, tr("Export Private Key"), tr("The passphrase again:"),
                                              QLineEdit::Password, QString(), &ok);
        const bool same = ok && first == again;
        passphrase = SecretBuffer::fromString(first);
        wipeString(first);
        wipeString(again);
        if (!same) {
            if (ok) {
                MessageBoxes::warning(this, tr("Export Private Key"), tr("The passphrases differ."));
            }
            return;
        }
    }
    const QString path = FileDialogs::getSaveFileName(
        this, tr("Export Private Key"),
        QDir::home().filePath(QStringLiteral("%1-private.%2").arg(kid.left(16), pem ? QStringLiteral("pem")
                                                                                     : QStringLiteral("jwk"))),
        pem ? tr("PEM files (*.pem);;All files (*)") : tr("JWK files (*.jwk *.json);;All files (*)"));
    if (path.isEmpty()) {
        return;
    }
    auto shared = std::make_shared<std::optional<SecretBuffer>>(std::move(passphrase));
    m_controller.run(
        this,
        [kid, pem, shared](Vault& vault) {
            return keys::KeyRing(vault).exportPrivate(
                kid, pem ? keys::PrivateKeyFormat::EncryptedPkcs8 : keys::PrivateKeyFormat::Jwk,
                shared->has_value() ? &**shared : nullptr);
        },
        [this, path, kid](Result<SecretBuffer> exported) {
            if (!exported) {
                setStatus(tr("Not exported: %1").arg(ErrorText::forUser(exported.error())), true);
                return;
            }
            if (!FileDialogs::writeExport(this, path, exported->view(), true)) { // a private key: owner only
                return;
            }
            changed(tr("Exported the private key “%1” to %2.").arg(kid, nativePath(path)), kid);
        });
}

} // namespace tessera::ui
