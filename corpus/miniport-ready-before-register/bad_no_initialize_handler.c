/*
 * miniport-ready-before-register - VIOLATION.
 * The miniport characteristics name a halt and an unload handler but no
 * InitializeHandlerEx: NDIS calls MiniportInitializeEx as soon as the
 * miniport is registered, so a driver without one is never ready.  The
 * finding is at the NdisMRegisterMiniportDriver call (its first line; the
 * call spreads over three).  NiInitialize exists in the file but is never
 * stored in the characteristics.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE NiInitialize;
MINIPORT_HALT NiHalt;
MINIPORT_UNLOAD NiUnload;

NDIS_HANDLE NiDriverHandle = NULL;

_Use_decl_annotations_
NDIS_STATUS
NiInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
NiHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(HaltAction);
}

_Use_decl_annotations_
VOID
NiUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(NiDriverHandle);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    Chars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    Chars.HaltHandlerEx = NiHalt;
    Chars.UnloadHandler = NiUnload;

    Status = NdisMRegisterMiniportDriver( // expect: miniport-ready-before-register
        DriverObject, RegistryPath, NULL,
        &Chars, &NiDriverHandle);
    return Status;
}
