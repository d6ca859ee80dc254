#pragma once

#include <QAbstractListModel>
#include <QHash>
#include <QStringList>

namespace tessera::ui {

class PermissionMatrixModel;

// The roles of the Roles page's left column: name, description, included roles (as pending edits
// leave them) and how many users hold each role directly. Follows the matrix model, which owns the
// roles and the pending edits.
class RoleListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum DataRole
    {
        NameRole = Qt::UserRole + 1, // QString
        DescriptionRole,             // QString
        IncludesRole,                // QStringList, direct includes
        UserCountRole,               // int, users holding the role directly
        PendingRole,                 // bool, unsaved edits to the role's grants or includes
        DefaultRole,                 // bool, the role new users get
    };

    explicit RoleListModel(const PermissionMatrixModel& matrix, QObject* parent = nullptr);

    void setUserCounts(QHash<QString, int> counts, const QString& defaultRole);
    int userCount(const QString& role) const { return m_userCounts.value(role); }
    QString defaultRole() const { return m_defaultRole; }
    QString roleAt(int row) const { return m_names.value(row); }
    int rowOf(const QString& role) const { return static_cast<int>(m_names.indexOf(role)); }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    void reload();
    void refreshRows();

    const PermissionMatrixModel& m_matrix;
    QStringList m_names;
    QHash<QString, int> m_userCounts;
    QString m_defaultRole;
};

} // namespace tessera::ui
