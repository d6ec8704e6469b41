/*
 * miniport-deregister-on-error - VIOLATION.
 * Pure miniport that dispatches on the status of a later step with a
 * `switch`.  NDIS_STATUS_SUCCESS continues; NDIS_STATUS_RESOURCES is
 * "handled" by returning at once (BUG: the miniport stays registered); every
 * other status deregisters before returning.  One finding, at the `return`
 * in the NDIS_STATUS_RESOURCES case.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MpInitialize;
MINIPORT_UNLOAD MpUnload;

static NDIS_HANDLE MpDriverHandle;
static NPAGED_LOOKASIDE_LIST MpTxLookaside;
static BOOLEAN MpLookasideReady;

_Use_decl_annotations_
NDIS_STATUS
MpInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
MpUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    if (MpLookasideReady) {
        NdisDeleteNPagedLookasideList(&MpTxLookaside);
    }
    NdisMDeregisterMiniportDriver(MpDriverHandle);
}

/* Sets up the transmit lookaside list; its depth comes from the key name. */
static NDIS_STATUS
MpSetupLookaside(_In_ PUNICODE_STRING RegistryPath)
{
    if (RegistryPath->Length < 8) {
        return NDIS_STATUS_RESOURCES;
    }
    if (RegistryPath->Length > 1024) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    NdisInitializeNPagedLookasideList(&MpTxLookaside, NULL, NULL, 0, 256, 'xTpM', 0);
    MpLookasideReady = TRUE;
    return NDIS_STATUS_SUCCESS;
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
    MChars.InitializeHandlerEx = MpInitialize;
    MChars.UnloadHandler = MpUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &MpDriverHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }

    Status = MpSetupLookaside(RegistryPath);
    switch (Status) {
    case NDIS_STATUS_SUCCESS:
        break;
    case NDIS_STATUS_RESOURCES:
        return Status;  // expect: miniport-deregister-on-error
    default:
        NdisMDeregisterMiniportDriver(MpDriverHandle);
        return Status;
    }

    return NDIS_STATUS_SUCCESS;
}
