/*
 * miniport-deregister-on-error - VIOLATION, across two files.
 * IM driver (Flags = NDIS_INTERMEDIATE_DRIVER).  DriverEntry registers the
 * miniport half, then calls ImRegisterProtocol(), defined in protocol.c.
 * When the protocol registration fails, DriverEntry returns its status
 * without deregistering the miniport: one finding at that `return` in this
 * file.  The success path associates both halves and the unload handler
 * deregisters both, so no other rule reports anything.
 */
#include "imdrv.h"

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MpInitialize;
MINIPORT_UNLOAD MpUnload;

NDIS_HANDLE ImMiniportHandle;
NDIS_HANDLE ImProtocolHandle;

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
    NdisDeregisterProtocolDriver(ImProtocolHandle);
    NdisMDeregisterMiniportDriver(ImMiniportHandle);
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
    MChars.Flags = NDIS_INTERMEDIATE_DRIVER;
    MChars.InitializeHandlerEx = MpInitialize;
    MChars.UnloadHandler = MpUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &ImMiniportHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }

    Status = ImRegisterProtocol();
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;  // expect: miniport-deregister-on-error
    }

    NdisIMAssociateMiniport(ImMiniportHandle, ImProtocolHandle);
    return NDIS_STATUS_SUCCESS;
}
