/*
 * faulty/driver.c - a small NDIS 6 intermediate driver with classic mistakes,
 * used by `make demo`.  Each expected finding is marked on its line:
 *
 *   im-protocol-registration        it is an IM driver (NDIS_INTERMEDIATE_DRIVER
 *                                   in Flags) but never registers its protocol
 *                                   edge with NdisRegisterProtocolDriver
 *   deregister-without-register     it deregisters the miniport when the
 *                                   registration has just failed
 *   miniport-ready-before-register  it sets up the adapter lock and list that
 *                                   FtInitialize uses only after registering,
 *                                   when NDIS may already be calling FtInitialize
 *   miniport-deregister-on-error    it leaks the miniport registration when the
 *                                   control device cannot be created
 *   miniport-deregister-on-unload   its unload handler (miniport.c) never calls
 *                                   NdisMDeregisterMiniportDriver
 */
#include "faulty.h"

DRIVER_INITIALIZE DriverEntry;

NDIS_HANDLE    FtMiniportHandle;
NDIS_HANDLE    FtDeviceHandle;
PDEVICE_OBJECT FtDeviceObject;
NDIS_SPIN_LOCK FtAdapterLock;
LIST_ENTRY     FtAdapterList;

/* Creates the control device user mode talks to. */
static NDIS_STATUS
FtCreateControlDevice(VOID)
{
    NDIS_DEVICE_OBJECT_ATTRIBUTES Attributes;
    NDIS_STRING DeviceName = NDIS_STRING_CONST("\\Device\\Faulty");
    NDIS_STRING LinkName = NDIS_STRING_CONST("\\DosDevices\\Faulty");

    NdisZeroMemory(&Attributes, sizeof(Attributes));
    Attributes.Header.Type = NDIS_OBJECT_TYPE_DEVICE_OBJECT_ATTRIBUTES;
    Attributes.Header.Revision = NDIS_DEVICE_OBJECT_ATTRIBUTES_REVISION_1;
    Attributes.Header.Size = NDIS_SIZEOF_DEVICE_OBJECT_ATTRIBUTES_REVISION_1;
    Attributes.DeviceName = &DeviceName;
    Attributes.SymbolicName = &LinkName;

    return NdisRegisterDeviceEx(FtMiniportHandle, &Attributes,
                                &FtDeviceObject, &FtDeviceHandle);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(  // expect: im-protocol-registration
    PDRIVER_OBJECT  DriverObject,
    PUNICODE_STRING RegistryPath
    )
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
    MChars.InitializeHandlerEx = FtInitialize;
    MChars.HaltHandlerEx = FtHalt;
    MChars.UnloadHandler = FtUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &FtMiniportHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisMDeregisterMiniportDriver(FtMiniportHandle);  // expect: deregister-without-register
        return Status;
    }

    NdisAllocateSpinLock(&FtAdapterLock);  // expect: miniport-ready-before-register
    InitializeListHead(&FtAdapterList);  // expect: miniport-ready-before-register

    Status = FtCreateControlDevice();
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;  // expect: miniport-deregister-on-error
    }
    return NDIS_STATUS_SUCCESS;
}
