/*
 * miniport-deregister-on-error - VIOLATION.
 * Pure miniport written with nested ifs and a single exit.  The innermost
 * step (reading the driver parameters) can fail; its else-branch only sets
 * the status, while the middle level's else-branch (the lookaside list) does
 * deregister.  The path registration-ok / parameters-failed reaches the one
 * `return Status;` with the miniport registered: one finding there.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MpInitialize;
MINIPORT_UNLOAD MpUnload;

static NDIS_HANDLE NicDriverHandle;
static ULONG NicMaxPackets;

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
    NdisMDeregisterMiniportDriver(NicDriverHandle);
}

/* Reads the driver-wide parameters; fails on an empty service key. */
static NDIS_STATUS
NicReadParameters(_In_ PUNICODE_STRING RegistryPath)
{
    if (RegistryPath->Length == 0) {
        return NDIS_STATUS_FAILURE;
    }
    NicMaxPackets = 64;
    return NDIS_STATUS_SUCCESS;
}

/* Checks that the parameters are usable. */
static BOOLEAN
NicParametersValid(VOID)
{
    return NicMaxPackets != 0 && NicMaxPackets <= 1024;
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
                                         &MChars, &NicDriverHandle);
    if (NT_SUCCESS(Status)) {
        Status = NicReadParameters(RegistryPath);
        if (NT_SUCCESS(Status)) {
            if (!NicParametersValid()) {
                NdisMDeregisterMiniportDriver(NicDriverHandle);
                Status = NDIS_STATUS_INVALID_PARAMETER;
            }
        } else {
            /* BUG: the miniport stays registered. */
            Status = NDIS_STATUS_RESOURCES;
        }
    }

    return Status;  // expect: miniport-deregister-on-error
}
