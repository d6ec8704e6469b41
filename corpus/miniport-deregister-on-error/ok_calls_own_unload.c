/*
 * miniport-deregister-on-error - CORRECT (no finding).
 * DriverEntry calls its own unload routine (NicDriverUnload, the
 * UnloadHandler) on its error paths, from a `do { } while (0)` block left
 * with `break`.  The unload routine deregisters unconditionally, which is
 * right because DriverEntry calls it only after the registration succeeded;
 * the registration's failure returns directly.  The first step after the
 * registration is a `switch` on a configuration mode read by a helper.
 */
#include <ndis.h>

typedef enum _NIC_MODE { NicModeNormal, NicModeLoopback, NicModeBad } NIC_MODE;

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE NicInitialize;
MINIPORT_UNLOAD NicDriverUnload;

static NDIS_HANDLE NicHandle;
static NIC_MODE NicMode;

_Use_decl_annotations_
NDIS_STATUS
NicInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
              PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
NicDriverUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(NicHandle);
}

/* Picks the mode from the service key name (stand-in for a registry read). */
static NIC_MODE
NicReadMode(_In_ PUNICODE_STRING RegistryPath)
{
    if (RegistryPath->Length > 200) {
        return NicModeBad;
    }
    return RegistryPath->Length > 100 ? NicModeLoopback : NicModeNormal;
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.InitializeHandlerEx = NicInitialize;
    MChars.UnloadHandler = NicDriverUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &NicHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }

    do {
        NicMode = NicReadMode(RegistryPath);
        switch (NicMode) {
        case NicModeNormal:
        case NicModeLoopback:
            Status = NDIS_STATUS_SUCCESS;
            break;
        default:
            Status = NDIS_STATUS_INVALID_PARAMETER;
            break;
        }
        if (Status != NDIS_STATUS_SUCCESS) {
            NicDriverUnload(DriverObject);
            break;
        }
    } while (0);

    return Status;
}
