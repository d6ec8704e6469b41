/*
 * deregister-without-register - VIOLATION.
 * Pure miniport with a goto ladder whose labels are in the wrong order: a
 * failure BEFORE the registration (the lookaside list depth check) jumps to
 * ErrDeregister, which calls NdisMDeregisterMiniportDriver although
 * NdisMRegisterMiniportDriver has not been called yet.  One finding at that
 * call.  The ladder is otherwise right: a failure after the registration
 * deregisters, the registration's own failure skips it.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MpInitialize;
MINIPORT_UNLOAD MpUnload;

static NDIS_HANDLE MpHandle;
static NPAGED_LOOKASIDE_LIST MpRxLookaside;
static ULONG MpRxDepth;

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
    NdisMDeregisterMiniportDriver(MpHandle);
    NdisDeleteNPagedLookasideList(&MpRxLookaside);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;

    MpRxDepth = RegistryPath->Length / sizeof(WCHAR);
    if (MpRxDepth == 0) {
        Status = NDIS_STATUS_INVALID_PARAMETER;
        goto ErrDeregister;                 /* BUG: should be ErrOut */
    }
    NdisInitializeNPagedLookasideList(&MpRxLookaside, NULL, NULL, 0, 1514, 'xRpM', 0);

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.InitializeHandlerEx = MpInitialize;
    MChars.UnloadHandler = MpUnload;
    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &MpHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto ErrLookaside;
    }
    if (MpRxDepth > 4096) {
        Status = NDIS_STATUS_INVALID_PARAMETER;
        goto ErrDeregister;
    }
    return NDIS_STATUS_SUCCESS;

ErrDeregister:
    NdisMDeregisterMiniportDriver(MpHandle);  // expect: deregister-without-register
ErrLookaside:
    if (MpRxDepth != 0) {
        NdisDeleteNPagedLookasideList(&MpRxLookaside);
    }
    return Status;
}
