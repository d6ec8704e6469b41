/*
 * im-associate-miniport - VIOLATION, across two files.
 * IM driver: DriverEntry registers the miniport half here and calls
 * ImRegisterProtocol() in protocol.c, which registers the protocol half and
 * associates the two - but only in its "legacy name" branch; the other
 * branch registers under the new name and forgets the association.  A
 * success path of DriverEntry therefore has both halves registered and no
 * association: one finding at DriverEntry's name in this file.
 */
#include "im.h"

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
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)  // expect: im-associate-miniport
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
    MChars.Flags = NDIS_INTERMEDIATE_DRIVER;
    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &ImMiniportHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }

    Status = ImRegisterProtocol(RegistryPath);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisMDeregisterMiniportDriver(ImMiniportHandle);
    }
    return Status;
}
